package dev.switchboard.tenancy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;

/**
 * How often a budget starts over. Periods are computed in UTC so that every instance, wherever it runs,
 * charges a request to the same period: days at 00:00, weeks on Monday 00:00 (ISO), months on the 1st.
 */
public enum BudgetPeriod {
    DAY,
    WEEK,
    MONTH;

    /** The start of the period that contains {@code t}. */
    public Instant start(Instant t) {
        LocalDate day = LocalDate.ofInstant(t, ZoneOffset.UTC);
        LocalDate first = switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The start of the next period, i.e. when the budget of the period containing {@code t} resets. */
    public Instant end(Instant t) {
        LocalDate first = LocalDate.ofInstant(start(t), ZoneOffset.UTC);
        LocalDate next = switch (this) {
            case DAY -> first.plusDays(1);
            case WEEK -> first.plusWeeks(1);
            case MONTH -> first.plusMonths(1);
        };
        return next.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** "daily", "weekly", "monthly", for messages. */
    public String adjective() {
        return switch (this) {
            case DAY -> "daily";
            case WEEK -> "weekly";
            case MONTH -> "monthly";
        };
    }
}
