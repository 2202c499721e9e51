package dev.switchboard.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One admin change: who did what to which thing, and when.
 *
 * @param id         assigned by the database; null before insertion
 * @param detail     a JSON object with the change (never a secret), or null
 */
public record AuditEntry(
        Long id, Instant ts, String actor, String action, String targetType, String targetId, String detail) {

    public AuditEntry {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetType, "targetType");
    }
}
