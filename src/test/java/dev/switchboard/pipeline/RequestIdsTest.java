package dev.switchboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RequestIdsTest {
    /** Three milliseconds before the time digits carry from ...bfff to ...c000. */
    static final long NEAR_A_CARRY = 0x019A3F0BFFFDL;

    @Test
    void idsAre32HexDigitsLedByTheClocksMillisecondSoTheySortByTime() {
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(NEAR_A_CARRY));
        RequestIds ids = new RequestIds(clock);
        List<List<String>> byMillisecond = new ArrayList<>();
        for (int ms = 0; ms < 6; ms++) {
            List<String> made = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                made.add(ids.create());
            }
            byMillisecond.add(made);
            clock.advance(Duration.ofMillis(1));
        }
        for (int ms = 0; ms < byMillisecond.size(); ms++) {
            List<String> made = byMillisecond.get(ms);
            assertThat(made).allMatch(id -> id.matches("[0-9a-f]{32}"));
            long millis = NEAR_A_CARRY + ms;
            assertThat(made).allMatch(id -> Long.parseLong(id.substring(0, 12), 16) == millis);
            if (ms > 0) { // every id of a later millisecond sorts after every id of an earlier one
                String latestBefore = byMillisecond.get(ms - 1).stream().max(Comparator.naturalOrder()).orElseThrow();
                String earliestNow = made.stream().min(Comparator.naturalOrder()).orElseThrow();
                assertThat(earliestNow).isGreaterThan(latestBefore);
            }
        }
    }

    @Test
    void idsMadeInTheSameMillisecondOnManyThreadsAreUnique() throws Exception {
        RequestIds ids = new RequestIds(Clock.fixed(Instant.parse("2026-11-01T10:00:00Z"), ZoneOffset.UTC));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        int threads = 4;
        int each = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        seen.add(ids.create());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(threads * each); // 80 random bits each: no two alike
        String millisecond = "%012x".formatted(Instant.parse("2026-11-01T10:00:00Z").toEpochMilli());
        assertThat(seen).allMatch(id -> id.startsWith(millisecond));
    }

    @Test
    void aSaneClientIdIsKeptAndAnythingElseIsNot() {
        assertThat(RequestIds.clientOffered("my-trace-123")).isEqualTo("my-trace-123");
        assertThat(RequestIds.clientOffered("x".repeat(128))).hasSize(128);
        assertThat(RequestIds.clientOffered(null)).isNull();
        assertThat(RequestIds.clientOffered("")).isNull();
        assertThat(RequestIds.clientOffered("x".repeat(129))).isNull();
        assertThat(RequestIds.clientOffered("has space")).isNull();
        assertThat(RequestIds.clientOffered("quote\"d")).isNull();
        assertThat(RequestIds.clientOffered("back\\slash")).isNull();
        assertThat(RequestIds.clientOffered("line\nbreak")).isNull();
        assertThat(RequestIds.clientOffered("caf\u00e9")).isNull();
    }
}
