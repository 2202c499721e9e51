package dev.switchboard.server.admin;

import dev.switchboard.store.AuditFilter;
import dev.switchboard.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/** {@code /admin/v1/audit}: every admin change, newest first, filtered by actor, action, target and time. */
final class AuditResource {
    private static final Set<String> PARAMS = Set.of("actor", "action", "target_type", "target_id", "since", "until",
            "limit", "offset");

    private final Store store;
    private final Clock clock;

    AuditResource(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    AdminReply list(AdminCall call) {
        QueryInput q = call.params().only(PARAMS);
        Instant now = clock.instant();
        AuditFilter filter = new AuditFilter(q.since(now), q.until(now), q.text("actor"), q.text("action"),
                q.text("target_type"), q.text("target_id"));
        return AdminReply.ok(AdminViews.list(store.audit().list(filter, q.page()), AdminViews::audit));
    }
}
