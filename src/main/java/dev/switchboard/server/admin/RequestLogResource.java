package dev.switchboard.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.store.RequestLogEntry;
import dev.switchboard.store.RequestLogRow;
import dev.switchboard.store.Store;
import dev.switchboard.store.UsageRow;
import dev.switchboard.store.UsdNanos;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /admin/v1/requests}: one line per request (its usage row), newest first, with the same filters
 * as usage ({@code client_request_id} finds every request a client sent with that {@code X-Request-ID});
 * {@code /admin/v1/requests/{id}}, by the gateway's id, adds the bodies where body logging kept them
 * (capped and redacted when they were written).
 */
final class RequestLogResource {
    private final Store store;
    private final Clock clock;

    RequestLogResource(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    AdminReply list(AdminCall call) {
        Set<String> allowed = new HashSet<>(UsageResource.FILTERS);
        allowed.addAll(QueryInput.PAGING);
        QueryInput q = call.params().only(allowed);
        var filter = UsageResource.filter(q, clock.instant());
        return AdminReply.ok(AdminViews.list(store.requestLog().list(filter, q.page()), RequestLogResource::line));
    }

    AdminReply get(AdminCall call) {
        call.params().only(Set.of());
        String id = call.id();
        UsageRow row = (Inputs.isId(id) ? store.usage().find(id) : Optional.<UsageRow>empty())
                .orElseThrow(() -> AdminProblem.notFound("no request with that id"));
        Optional<RequestLogRow> bodies = store.requestLog().bodies(row.requestId());
        ObjectNode o = request(row).put("has_bodies", bodies.isPresent());
        bodies.ifPresent(b -> o.put("request_body", b.requestBody()).put("response_body", b.responseBody())
                .put("truncated", b.truncated()));
        return AdminReply.ok(o);
    }

    private static ObjectNode line(RequestLogEntry e) {
        return request(e.request()).put("has_bodies", e.hasBodies());
    }

    private static ObjectNode request(UsageRow r) {
        ObjectNode o = AdminViews.object("request").put("id", r.requestId())
                .put("client_request_id", r.clientRequestId());
        AdminViews.time(o, "ts", r.ts());
        return o.put("key", r.keyId()).put("key_name", r.keyName()).put("project", r.projectId())
                .put("provider", r.provider()).put("model", r.model()).put("requested_model", r.requestedModel())
                .put("endpoint", r.endpoint()).put("status", r.status()).put("error_kind", r.errorKind())
                .put("stream", r.stream()).put("input_tokens", r.inputTokens()).put("output_tokens", r.outputTokens())
                .put("cache_read_tokens", r.cacheReadTokens()).put("cache_write_tokens", r.cacheWriteTokens())
                .put("reasoning_tokens", r.reasoningTokens()).put("estimated", r.estimated())
                .put("cost_usd", r.costNanos() == null ? null : UsdNanos.toUsd(r.costNanos()))
                .put("latency_ms", r.latencyMs()).put("ttfb_ms", r.ttfbMs()).put("attempts", r.attempts())
                .put("client_format", r.clientFormat());
    }
}
