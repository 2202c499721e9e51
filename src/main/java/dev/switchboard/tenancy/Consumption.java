package dev.switchboard.tenancy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the store knows a key or project has already used, read when the directory refreshes. Counters
 * start from these numbers (taking the larger of theirs and the store's), so a restart or a lost Redis
 * does not hand out a fresh request cap or budget.
 *
 * @param requests every request ever admitted, as far as the store has recorded them
 * @param spend    spending in the current period of each budget
 */
public record Consumption(long requests, List<PeriodSpend> spend) {
    public static final Consumption NONE = new Consumption(0, List.of());

    public Consumption {
        spend = List.copyOf(spend);
    }

    /** @param periodStart the start of the period the amount belongs to ({@link BudgetPeriod#start}) */
    public record PeriodSpend(BudgetPeriod period, Instant periodStart, BigDecimal usd) {}

    /** Recorded spend of the given period, or zero when the store's figure is for another period. */
    BigDecimal spent(BudgetPeriod period, Instant periodStart) {
        for (PeriodSpend s : spend) {
            if (s.period() == period && s.periodStart().equals(periodStart)) {
                return s.usd();
            }
        }
        return BigDecimal.ZERO;
    }
}
