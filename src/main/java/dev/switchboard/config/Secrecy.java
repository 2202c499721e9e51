package dev.switchboard.config;

/** Checks shared by every secret in the file: admin key, provider keys, virtual keys. */
final class Secrecy {
    /** Shorter secrets can be guessed or were typed by hand as placeholders ("changeme"). */
    static final int MIN_GENERATED_SECRET = 16;

    private Secrecy() {}

    /**
     * A secret goes into an HTTP header: whitespace or control characters would either break the header
     * or split it (header injection from a badly quoted environment value).
     */
    static boolean headerSafe(String secret) {
        return secret.chars().allMatch(c -> c > ' ' && c != 0x7f);
    }

    /** The stripped secret, or null with the problem reported: empty, or unsafe in a header. */
    static String checked(Binding b, Binding.Text t) {
        String value = t.value().strip();
        if (value.isEmpty()) {
            b.problem(t.path(), t.line(), t.interpolated() ? "empty after interpolation" : "empty");
            return null;
        }
        if (!headerSafe(value)) {
            b.problem(t.path(), t.line(), "contains whitespace or control characters");
            return null;
        }
        return value;
    }
}
