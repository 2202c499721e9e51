package dev.switchboard.config;

/** Masking for anything that prints a secret: logs, validate output, errors. */
public final class Secrets {
    private Secrets() {}

    /**
     * Shows at most the last four characters, and only of secrets long enough (24+) that four is a
     * small part of them: {@code sk-…cdef}. Anything shorter is fully hidden.
     */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        if (secret.length() < 24) {
            return "****";
        }
        String prefix = secret.startsWith("sk-") ? "sk-" : "";
        return prefix + "…" + secret.substring(secret.length() - 4);
    }
}
