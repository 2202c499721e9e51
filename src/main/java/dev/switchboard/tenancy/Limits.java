package dev.switchboard.tenancy;

import java.math.BigDecimal;
import java.util.List;

/**
 * What a key or a project may use. Zero means "no limit" for every count.
 *
 * @param rpm         requests per minute (sliding window, see {@link SlidingWindow})
 * @param tpm         tokens per minute, input and output together
 * @param concurrency requests in flight at once
 * @param maxRequests requests over the whole life of the key or project
 * @param budgets     spending limits, at most one per period
 */
public record Limits(long rpm, long tpm, long concurrency, long maxRequests, List<Budget> budgets) {
    public static final Limits NONE = new Limits(0, 0, 0, 0, List.of());

    public Limits {
        if (rpm < 0 || tpm < 0 || concurrency < 0 || maxRequests < 0) {
            throw new IllegalArgumentException("limits cannot be negative");
        }
        budgets = List.copyOf(budgets);
    }

    /** USD per period; a zero budget allows no spending at all. */
    public record Budget(BigDecimal usd, BudgetPeriod period) {
        public Budget {
            if (usd.signum() < 0) {
                throw new IllegalArgumentException("a budget cannot be negative");
            }
        }
    }

    public boolean isNone() {
        return rpm == 0 && tpm == 0 && concurrency == 0 && maxRequests == 0 && budgets.isEmpty();
    }
}
