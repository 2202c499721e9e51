package dev.switchboard.store;

/**
 * Rate and volume limits of a project or key; each null means "no limit at this level".
 *
 * @param rpm         requests per minute
 * @param tpm         tokens per minute
 * @param concurrency requests in flight at once
 * @param maxRequests total requests ever (a key's lifetime cap)
 */
public record Limits(Long rpm, Long tpm, Integer concurrency, Long maxRequests) {
    public static final Limits NONE = new Limits(null, null, null, null);
}
