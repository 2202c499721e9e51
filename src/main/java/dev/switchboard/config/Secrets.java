package dev.switchboard.config;

/** Masking for anything that prints a secret: logs, validate output, errors. */
public final class Secrets {
    private Secrets() {}

    /** {@code sk-abcdef123456} becomes {@code sk-a…3456}; short values are fully hidden. */
    public static String mask(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "";
        }
        if (secret.length() < 12) {
            return "****";
        }
        return secret.substring(0, 4) + "…" + secret.substring(secret.length() - 4);
    }
}
