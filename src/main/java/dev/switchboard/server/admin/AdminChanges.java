package dev.switchboard.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.store.AuditEntry;
import dev.switchboard.store.AuditRepository;
import dev.switchboard.tenancy.ChangeFeed;
import dev.switchboard.tenancy.TenantDirectory;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What follows every committed admin change: an audit entry (who, what, which, when, and a detail
 * without secrets), this instance's key directory reloaded before the call answers (so a key created
 * here works here at once, and a revoked one stops at once), and a notice on the change feed so every
 * other instance reloads within a second.
 *
 * <p>The audit entry is written right after the change, not in its transaction (the repositories keep
 * their transactions to themselves); should the store fail in between, the change stands, the failure
 * is logged, and the caller gets an error saying so.
 */
final class AdminChanges {
    private static final Logger LOG = LoggerFactory.getLogger(AdminChanges.class);
    private static final long PUBLISH_WAIT_MS = 1_000;

    private final AuditRepository audit;
    private final TenantDirectory directory;
    private final ChangeFeed feed;
    private final Clock clock;

    AdminChanges(AuditRepository audit, TenantDirectory directory, ChangeFeed feed, Clock clock) {
        this.audit = audit;
        this.directory = directory;
        this.feed = feed;
        this.clock = clock;
    }

    /** A change of keys or projects: audited, then reloaded here and announced to the other instances. */
    void tenantChanged(String actor, String action, Target target, ObjectNode detail) {
        AdminProblem unaudited = null;
        try {
            audited(actor, action, target, detail);
        } catch (AdminProblem e) {
            unaudited = e; // the change is committed: it must still reach every instance
        }
        directory.refresh();
        String payload = target.type() + ":" + target.id();
        try {
            feed.publish(payload).toCompletableFuture().get(PUBLISH_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // the periodic refresh of every instance still picks the change up
            LOG.warn("change {} committed but not announced to other instances: {}", payload, e.toString());
        }
        if (unaudited != null) {
            throw unaudited;
        }
    }

    /** A change that no instance caches (credentials): audited only. */
    void audited(String actor, String action, Target target, ObjectNode detail) {
        String json;
        try {
            json = detail == null ? null : Json.MAPPER.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        try {
            audit.append(new AuditEntry(null, clock.instant(), actor, action, target.type(), target.id(), json));
        } catch (RuntimeException e) {
            LOG.error("{} by {} on {}:{} was applied but its audit entry could not be written: {}", action, actor,
                    target.type(), target.id(), e.toString());
            throw AdminProblem.unavailable("the change was applied, but its audit entry could not be written: "
                    + "the store is unavailable");
        }
        LOG.info("admin {} by {} on {} {}", action, actor, target.type(), target.id());
    }

    /** What a change was made to: {@code key}, {@code project} or {@code credential}, and its id. */
    record Target(String type, String id) {
        static Target key(String id) {
            return new Target("key", id);
        }

        static Target project(String id) {
            return new Target("project", id);
        }

        static Target credential(String id) {
            return new Target("credential", id);
        }
    }
}
