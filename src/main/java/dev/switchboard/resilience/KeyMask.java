package dev.switchboard.resilience;

/**
 * Shows a provider key without giving it away: {@code "****" + last 4 characters}, enough to tell keys
 * apart on a status page. Keys shorter than 12 characters show nothing at all, since their last four
 * would be too large a share of the secret.
 */
public final class KeyMask {
    private static final int MIN_LENGTH_TO_SHOW_TAIL = 12;

    private KeyMask() {
    }

    public static String mask(String key) {
        if (key == null) {
            return null;
        }
        return key.length() < MIN_LENGTH_TO_SHOW_TAIL ? "****" : "****" + key.substring(key.length() - 4);
    }
}
