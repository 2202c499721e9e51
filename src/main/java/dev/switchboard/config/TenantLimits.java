package dev.switchboard.config;

import java.math.BigDecimal;

/**
 * {@code limits:} of a virtual key or a project. Zero means "no limit" for every count; the file never
 * holds a zero for them (they must be 1 or more when written), so zero can only come from leaving them out.
 *
 * @param rpm         requests per minute
 * @param tpm         tokens (input + output) per minute
 * @param concurrency requests in flight at once
 * @param maxRequests requests over the whole life of the key or project
 * @param budget      null when there is no budget
 */
public record TenantLimits(int rpm, int tpm, int concurrency, long maxRequests, Budget budget) {
    public static final TenantLimits NONE = new TenantLimits(0, 0, 0, 0, null);

    /** {@code budget_usd} per {@code budget_period}; a zero budget allows no spending at all. */
    public record Budget(BigDecimal usd, BudgetPeriod period) {}

    public boolean isNone() {
        return equals(NONE);
    }
}
