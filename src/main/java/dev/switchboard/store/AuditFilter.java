package dev.switchboard.store;

import java.time.Instant;

/** Which audit entries to list; null fields match anything. {@code since} inclusive, {@code until} exclusive. */
public record AuditFilter(
        Instant since, Instant until, String actor, String action, String targetType, String targetId) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null);

    public AuditFilter target(String type, String id) {
        return new AuditFilter(since, until, actor, action, type, id);
    }

    public AuditFilter actor(String who) {
        return new AuditFilter(since, until, who, action, targetType, targetId);
    }

    public AuditFilter action(String what) {
        return new AuditFilter(since, until, actor, what, targetType, targetId);
    }

    public AuditFilter between(Instant from, Instant to) {
        return new AuditFilter(from, to, actor, action, targetType, targetId);
    }

    Where where() {
        return new Where()
                .atLeast("ts", since)
                .before("ts", until)
                .equal("actor", actor)
                .equal("action", action)
                .equal("target_type", targetType)
                .equal("target_id", targetId);
    }
}
