package dev.switchboard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BudgetPeriodTest {
    private static Instant at(String t) {
        return Instant.parse(t);
    }

    @Test
    void daysStartAtMidnightUtc() {
        assertThat(BudgetPeriod.DAY.start(at("2026-03-05T23:59:59.999Z"))).isEqualTo(at("2026-03-05T00:00:00Z"));
        assertThat(BudgetPeriod.DAY.end(at("2026-03-05T23:59:59.999Z"))).isEqualTo(at("2026-03-06T00:00:00Z"));
        assertThat(BudgetPeriod.DAY.start(at("2026-03-06T00:00:00Z"))).isEqualTo(at("2026-03-06T00:00:00Z"));
    }

    @Test
    void weeksStartOnMonday() {
        // 2026-03-01 is a Sunday, 2026-03-02 a Monday
        assertThat(BudgetPeriod.WEEK.start(at("2026-03-01T12:00:00Z"))).isEqualTo(at("2026-02-23T00:00:00Z"));
        assertThat(BudgetPeriod.WEEK.start(at("2026-03-02T00:00:00Z"))).isEqualTo(at("2026-03-02T00:00:00Z"));
        assertThat(BudgetPeriod.WEEK.end(at("2026-03-01T12:00:00Z"))).isEqualTo(at("2026-03-02T00:00:00Z"));
        assertThat(BudgetPeriod.WEEK.start(at("2026-01-01T00:00:00Z"))).isEqualTo(at("2025-12-29T00:00:00Z"));
    }

    @Test
    void monthsStartOnTheFirstIncludingLeapFebruary() {
        assertThat(BudgetPeriod.MONTH.start(at("2028-02-29T10:00:00Z"))).isEqualTo(at("2028-02-01T00:00:00Z"));
        assertThat(BudgetPeriod.MONTH.end(at("2028-02-29T10:00:00Z"))).isEqualTo(at("2028-03-01T00:00:00Z"));
        assertThat(BudgetPeriod.MONTH.end(at("2026-12-31T23:00:00Z"))).isEqualTo(at("2027-01-01T00:00:00Z"));
    }
}
