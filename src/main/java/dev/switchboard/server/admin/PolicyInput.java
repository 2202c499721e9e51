package dev.switchboard.server.admin;

import dev.switchboard.store.Budget;
import dev.switchboard.store.Limits;
import java.math.BigDecimal;
import java.util.List;

/**
 * The limit, budget and allow-list fields that projects and keys share, applied as a JSON merge patch
 * (RFC 7386) onto what is stored: an absent field keeps its value, {@code null} clears it, a nested object
 * changes only the fields it names. Creation is a patch onto nothing.
 */
final class PolicyInput {
    static final long MAX_COUNT = 1_000_000_000_000L;
    static final long MAX_CONCURRENCY = 1_000_000;
    static final BigDecimal MAX_USD = new BigDecimal("1000000000");
    static final int MAX_LIST = 256;

    private PolicyInput() {}

    /**
     * @param maxRequestsInLimits projects carry {@code max_requests} inside {@code limits}; keys have it at the
     *                            top level (read by the caller and passed as {@code base.maxRequests()})
     */
    static Limits limits(JsonInput body, Limits base, boolean maxRequestsInLimits) {
        if (!body.has("limits")) {
            return base;
        }
        JsonInput l = body.object("limits");
        if (l == null) {
            return new Limits(null, null, null, maxRequestsInLimits ? null : base.maxRequests());
        }
        Long rpm = l.has("rpm") ? l.positive("rpm", MAX_COUNT) : base.rpm();
        Long tpm = l.has("tpm") ? l.positive("tpm", MAX_COUNT) : base.tpm();
        Integer concurrency = l.has("concurrency") ? toInt(l.positive("concurrency", MAX_CONCURRENCY)) : base.concurrency();
        Long maxRequests = base.maxRequests();
        if (maxRequestsInLimits && l.has("max_requests")) {
            maxRequests = l.positive("max_requests", MAX_COUNT);
        }
        return new Limits(rpm, tpm, concurrency, maxRequests);
    }

    static Budget budget(JsonInput body, Budget base) {
        if (!body.has("budget")) {
            return base;
        }
        JsonInput b = body.object("budget");
        if (b == null) {
            return null;
        }
        BigDecimal usd = b.has("usd") || base == null ? b.decimal("usd", MAX_USD, 9, true) : base.usd();
        Budget.Period period = base == null ? Budget.Period.MONTH : base.period();
        if (b.has("period")) {
            String p = b.text("period", 10, true);
            try {
                period = Budget.Period.parse(p);
            } catch (IllegalArgumentException e) {
                throw AdminProblem.invalid("'" + b.param("period") + "' must be day, week or month", b.param("period"));
            }
        }
        return new Budget(usd, period);
    }

    /** Model names or globs; an empty list means all, like an absent one. */
    static List<String> models(JsonInput body, String field, List<String> base) {
        if (!body.has(field)) {
            return base;
        }
        List<String> models = body.strings(field, MAX_LIST, Inputs.MAX_NAME);
        return models == null || models.isEmpty() ? null : models;
    }

    /** Request paths or globs as the client calls them ({@code /v1/chat/completions}); empty means all. */
    static List<String> endpoints(JsonInput body, List<String> base) {
        List<String> endpoints = models(body, "endpoints", base);
        if (endpoints != base && endpoints != null) {
            for (int i = 0; i < endpoints.size(); i++) {
                if (!endpoints.get(i).startsWith("/")) {
                    String p = body.param("endpoints") + "[" + i + "]";
                    throw AdminProblem.invalid("'" + p + "' must be a path as the client calls it, e.g. "
                            + "/v1/chat/completions", p);
                }
            }
        }
        return endpoints;
    }

    private static Integer toInt(Long v) {
        return v == null ? null : v.intValue();
    }
}
