package dev.switchboard.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.store.GroupBy;
import dev.switchboard.store.Page;
import dev.switchboard.store.Slice;
import dev.switchboard.store.Store;
import dev.switchboard.store.UsageCsv;
import dev.switchboard.store.UsageFilter;
import dev.switchboard.store.UsageGroup;
import dev.switchboard.store.UsageTotals;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code /admin/v1/usage}: spend and tokens grouped by key, project, model, provider or UTC day, as JSON
 * or CSV ({@code format=csv} or {@code Accept: text/csv}); {@code /admin/v1/usage/totals}: one sum.
 */
final class UsageResource {
    static final Set<String> FILTERS = Set.of("since", "until", "key", "project", "model", "provider", "endpoint",
            "client_request_id");

    private final Store store;
    private final Clock clock;

    UsageResource(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    AdminReply grouped(AdminCall call) {
        Set<String> allowed = new HashSet<>(FILTERS);
        allowed.addAll(QueryInput.PAGING);
        allowed.add("group_by");
        allowed.add("format");
        QueryInput q = call.params().only(allowed);
        GroupBy by;
        try {
            String g = q.raw("group_by");
            by = g == null ? GroupBy.DAY : GroupBy.parse(g);
        } catch (IllegalArgumentException e) {
            throw AdminProblem.invalid("'group_by' must be one of key, project, model, provider, day", "group_by");
        }
        boolean csv = csv(q, call.wantsCsv());
        UsageFilter filter = filter(q, clock.instant());
        Page page = q.page();
        Slice<UsageGroup> groups = store.usage().grouped(by, filter, page);
        if (csv) {
            StringWriter out = new StringWriter();
            UsageCsv.write(groups.items(), out);
            return AdminReply.text("text/csv; charset=utf-8", out.toString());
        }
        ObjectNode body = AdminViews.list(groups, g -> totals(AdminViews.object("usage_group")
                .put("group", g.group()).put("label", g.label()), g.totals()));
        body.put("group_by", by.name().toLowerCase(java.util.Locale.ROOT));
        window(body, filter);
        return AdminReply.ok(body);
    }

    AdminReply totals(AdminCall call) {
        QueryInput q = call.params().only(FILTERS);
        UsageFilter filter = filter(q, clock.instant());
        ObjectNode body = totals(AdminViews.object("usage_totals"), store.usage().totals(filter));
        window(body, filter);
        return AdminReply.ok(body);
    }

    /**
     * The filter shared with the request log: time window and exact key, project, model, provider, endpoint,
     * and the client's {@code X-Request-ID} (which several requests may share).
     */
    static UsageFilter filter(QueryInput q, Instant now) {
        Instant since = q.since(now);
        Instant until = q.until(now);
        if (since != null && until != null && !since.isBefore(until)) {
            throw AdminProblem.invalid("'since' must be before 'until'", "since");
        }
        return new UsageFilter(since, until, q.text("key"), q.text("project"), q.text("model"), q.text("provider"),
                q.text("endpoint"), q.text("client_request_id"));
    }

    private static boolean csv(QueryInput q, boolean accept) {
        String format = q.raw("format");
        if (format == null) {
            return accept;
        }
        return switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "csv" -> true;
            case "json" -> false;
            default -> throw AdminProblem.invalid("'format' must be json or csv", "format");
        };
    }

    private static ObjectNode totals(ObjectNode o, UsageTotals t) {
        return o.put("requests", t.requests()).put("errors", t.errors()).put("input_tokens", t.inputTokens())
                .put("output_tokens", t.outputTokens()).put("cache_read_tokens", t.cacheReadTokens())
                .put("cache_write_tokens", t.cacheWriteTokens()).put("reasoning_tokens", t.reasoningTokens())
                .put("estimated", t.estimated()).put("cost_usd", t.costUsd());
    }

    private static void window(ObjectNode o, UsageFilter f) {
        AdminViews.time(o, "since", f.since());
        AdminViews.time(o, "until", f.until());
    }
}
