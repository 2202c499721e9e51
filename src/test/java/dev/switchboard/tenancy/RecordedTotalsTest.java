package dev.switchboard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.Store;
import dev.switchboard.store.UsageFilter;
import dev.switchboard.store.UsageRow;
import dev.switchboard.store.UsageTotals;
import dev.switchboard.testkit.TestStores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Running totals against the real embedded store: the same figures as a full sum, at a fraction of the rows. */
class RecordedTotalsTest {
    private static final Instant MONTH = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant NEXT_MONTH = Instant.parse("2026-12-01T00:00:00Z");
    private static final UsageFilter KEY = UsageFilter.ALL.key("k1");

    private TestStores db;
    private Store store;
    private RecordedTotals totals;
    private int ids;

    @BeforeEach
    void open() {
        db = TestStores.sqlite();
        store = Store.open(db.url());
        store.migrate();
        totals = new RecordedTotals(store.usage());
    }

    @AfterEach
    void close() {
        store.close();
        db.close();
    }

    @Test
    void equalsAFullSumWhileRecordsArriveLessThanTheSettlingTimeLate() {
        Random random = new Random(7);
        Instant now = MONTH.plus(Duration.ofDays(3));
        record(now.minus(Duration.ofDays(2)), "k1", 5_000);
        record(now.minus(Duration.ofDays(40)), "k1", 999_000); // last month: outside the budget
        record(now.minus(Duration.ofHours(1)), "k2", 7_000); // another key
        for (int round = 0; round < 80; round++) { // 40 minutes, past two full sums
            for (int i = random.nextInt(4); i > 0; i--) {
                record(now.minusSeconds(random.nextInt((int) RecordedTotals.SETTLE.toSeconds())),
                        random.nextBoolean() ? "k1" : "k2", 1 + random.nextInt(10_000));
            }
            // either side of the instant this round's settled stretch ends at
            record(now.minus(RecordedTotals.SETTLE).minusMillis(1), "k1", 11);
            record(now.minus(RecordedTotals.SETTLE), "k1", 13);
            RecordedTotals.Recorded got = totals.between(KEY, MONTH, NEXT_MONTH, now);
            UsageTotals full = store.usage().totals(KEY.between(MONTH, NEXT_MONTH));
            assertThat(got).as("round %d", round).isEqualTo(new RecordedTotals.Recorded(full.requests(), full.costNanos()));
            RecordedTotals.Recorded allTime = totals.between(KEY, Instant.EPOCH, null, now);
            assertThat(allTime.requests()).isEqualTo(store.usage().totals(KEY).requests());
            totals.endRound();
            now = now.plusSeconds(30);
        }
    }

    @Test
    void aRecordLandingLaterThanTheSettlingTimeCountsFromTheNextFullSum() {
        Instant now = MONTH.plus(Duration.ofDays(3));
        record(now.minus(Duration.ofHours(5)), "k1", 1_000);
        assertThat(totals.between(KEY, MONTH, NEXT_MONTH, now).costNanos()).isEqualTo(1_000);

        record(now.minus(Duration.ofMinutes(30)), "k1", 20_000); // a spool replayed after a 30-minute outage
        Instant soon = now.plusSeconds(30);
        assertThat(totals.between(KEY, MONTH, NEXT_MONTH, soon).costNanos())
                .as("only what is younger than the settled stretch is summed again").isEqualTo(1_000);

        Instant full = now.plus(RecordedTotals.FULL_EVERY);
        assertThat(totals.between(KEY, MONTH, NEXT_MONTH, full).costNanos()).isEqualTo(21_000);
    }

    @Test
    void aNewPeriodStartsFromItsOwnStart() {
        Instant lastDay = NEXT_MONTH.minus(Duration.ofHours(1));
        record(lastDay.minus(Duration.ofHours(3)), "k1", 4_000);
        assertThat(totals.between(KEY, MONTH, NEXT_MONTH, lastDay).costNanos()).isEqualTo(4_000);
        totals.endRound();

        Instant december = NEXT_MONTH.plus(Duration.ofMinutes(10));
        record(NEXT_MONTH.plus(Duration.ofMinutes(1)), "k1", 300);
        assertThat(totals.between(KEY, NEXT_MONTH, NEXT_MONTH.plus(Duration.ofDays(31)), december).costNanos())
                .isEqualTo(300);
    }

    private void record(Instant ts, String key, long costNanos) {
        UsageRow row = new UsageRow("req-" + ids++, null, ts, key, key, null, "openai", "gpt-4.1", "gpt-4.1", "chat",
                200, null, false, 10, 5, 0, 0, 0, false, costNanos, 100L, 50L, 1, "OPENAI_CHAT");
        store.usage().insertAll(List.of(row), List.of());
    }
}
