package dev.switchboard.config;

import java.math.BigDecimal;

/** {@code limits:} of a key or a project → {@link TenantLimits}. */
final class TenantLimitsBinder {
    /** Far above any real deployment; it keeps the counters and their Redis scripts within exact integers. */
    private static final int MAX_CONCURRENCY = 1_000_000;

    private TenantLimitsBinder() {}

    /** @return {@link TenantLimits#NONE} when absent; null when something in it is wrong (reported) */
    static TenantLimits bind(Binding b, Fields owner) {
        YamlNode.Entry e = owner.entry("limits");
        if (e == null) {
            return TenantLimits.NONE;
        }
        Fields f = b.fields(e.value(), owner.path("limits"), e.keyLine(),
                "rpm", "tpm", "concurrency", "max_requests", "budget_usd", "budget_period");
        if (f == null) {
            return null;
        }
        int problemsBefore = b.problems.size();
        Integer rpm = f.integer("rpm", 1, Integer.MAX_VALUE);
        Integer tpm = f.integer("tpm", 1, Integer.MAX_VALUE);
        Integer concurrency = f.integer("concurrency", 1, MAX_CONCURRENCY);
        Integer maxRequests = f.integer("max_requests", 1, Integer.MAX_VALUE);
        BigDecimal usd = f.decimal("budget_usd");
        BudgetPeriod period = f.choice("budget_period", BudgetPeriod.class);
        if (period != null && !f.has("budget_usd")) {
            b.problem(f.path("budget_period"), f.lineOf("budget_period"), "needs budget_usd");
        }
        if (b.problems.size() > problemsBefore) {
            return null;
        }
        // A budget without a period is read as monthly: that is how provider invoices and most budgets run.
        TenantLimits.Budget budget = usd == null ? null
                : new TenantLimits.Budget(usd, period == null ? BudgetPeriod.MONTH : period);
        return new TenantLimits(orZero(rpm), orZero(tpm), orZero(concurrency), orZero(maxRequests), budget);
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }
}
