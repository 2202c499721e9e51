package dev.switchboard.usage;

import dev.switchboard.store.RequestLogRow;
import dev.switchboard.store.UsageRepository;
import dev.switchboard.store.UsageRow;
import java.util.ArrayList;
import java.util.List;

/** Writes usage batches, and the bodies some of them carry, into the store in one transaction each. */
public final class StoreUsageSink implements UsageSink {
    private final UsageRepository usage;

    public StoreUsageSink(UsageRepository usage) {
        this.usage = usage;
    }

    @Override
    public void write(List<UsageRecord> batch) {
        List<UsageRow> rows = new ArrayList<>(batch.size());
        List<RequestLogRow> bodies = new ArrayList<>();
        for (UsageRecord r : batch) {
            rows.add(row(r));
            if (r.bodies() != null) {
                bodies.add(new RequestLogRow(clean(r.requestId()), r.ts(), r.keyId(), r.projectId(),
                        clean(r.bodies().request()), clean(r.bodies().response()), r.bodies().truncated()));
            }
        }
        usage.insertAll(rows, bodies);
    }

    /**
     * PostgreSQL refuses NUL characters in text, and one such record would fail its whole batch again
     * on every replay; client-controlled text (model names, bodies) is therefore cleaned first.
     */
    static String clean(String s) {
        return s == null || s.indexOf('\u0000') < 0 ? s : s.replace('\u0000', '\uFFFD');
    }

    static UsageRow row(UsageRecord r) {
        var u = r.usage();
        return new UsageRow(clean(r.requestId()), clean(r.clientRequestId()), r.ts(), r.keyId(), clean(r.keyName()),
                r.projectId(), clean(r.provider()), clean(r.model()), clean(r.requestedModel()),
                r.endpoint() == null ? null : r.endpoint().label(), r.status(),
                r.errorKind() == null ? null : r.errorKind().name(), r.stream(), u.input(), u.output(), u.cacheRead(),
                u.cacheWrite(), u.reasoning(), u.estimated(), r.cost().nanos(), r.latencyMs(), r.ttfbMs(),
                r.attempts(), r.clientFormat() == null ? null : r.clientFormat().name());
    }
}
