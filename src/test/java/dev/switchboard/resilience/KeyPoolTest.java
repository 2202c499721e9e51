package dev.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.resilience.KeyPool.KeyState;
import dev.switchboard.resilience.KeyPool.KeyStatus;
import dev.switchboard.resilience.KeyPool.Lease;
import dev.switchboard.resilience.KeyPool.Strategy;
import dev.switchboard.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class KeyPoolTest {
    private static final String A = "sk-test-aaaaaaaaaaaaaaaa-key1";
    private static final String B = "sk-test-bbbbbbbbbbbbbbbb-key2";
    private static final String C = "sk-test-cccccccccccccccc-key3";

    private final ManualClock clock = new ManualClock();

    private KeyPool pool(Strategy strategy, String... keys) {
        return new KeyPool(List.of(keys), KeyPool.Config.defaults().withStrategy(strategy), clock);
    }

    private static List<String> take(KeyPool pool, int n) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            keys.add(pool.lease().map(Lease::key).orElse(null));
        }
        return keys;
    }

    @Test
    void roundRobinSpreadsOverAllKeys() {
        KeyPool p = pool(Strategy.ROUND_ROBIN, A, B, C);
        assertThat(take(p, 6)).containsExactly(A, B, C, A, B, C);
    }

    @Test
    void fillFirstSticksToTheFirstHealthyKey() {
        KeyPool p = pool(Strategy.FILL_FIRST, A, B, C);
        assertThat(take(p, 5)).containsOnly(A);

        p.cooldown(A, Duration.ofSeconds(30));
        assertThat(take(p, 5)).containsOnly(B);

        clock.advance(Duration.ofSeconds(30));
        assertThat(take(p, 5)).containsOnly(A);
    }

    @Test
    void aCoolingKeyIsSkippedAndComesBackWhenItsCooldownEnds() {
        KeyPool p = pool(Strategy.ROUND_ROBIN, A, B, C);
        assertThat(p.cooldown(B, Duration.ofSeconds(20))).isTrue();

        assertThat(take(p, 30)).doesNotContain(B).contains(A, C);
        clock.advance(Duration.ofMillis(19_999));
        assertThat(take(p, 30)).doesNotContain(B);

        clock.advance(Duration.ofMillis(1));
        assertThat(take(p, 3)).contains(B);
        assertThat(p.status().get(1).state()).isEqualTo(KeyState.AVAILABLE);
    }

    @Test
    void nothingUsableIsEmptyNotSomeKeyAnyway() {
        KeyPool p = pool(Strategy.ROUND_ROBIN, A, B);
        p.cooldown(A, Duration.ofSeconds(10));
        p.disable(B, "401 invalid x-api-key");

        assertThat(p.lease()).isEmpty();
        assertThat(p.isEmpty()).isFalse(); // it has keys, none usable: the caller answers 429/503

        clock.advance(Duration.ofSeconds(10));
        assertThat(p.lease()).map(Lease::key).contains(A);
    }

    @Test
    void aPoolWithoutKeysMeansTheProviderNeedsNone() {
        KeyPool p = pool(Strategy.ROUND_ROBIN);
        assertThat(p.isEmpty()).isTrue();
        assertThat(p.lease()).isEmpty();
        assertThat(p.status()).isEmpty();
    }

    @Test
    void aDisabledKeyStaysDisabled() {
        KeyPool p = pool(Strategy.ROUND_ROBIN, A, B);
        p.disable(A, "401 from upstream");
        p.cooldown(A, Duration.ofSeconds(1)); // a later 429 must not turn it into a mere cooldown
        p.exhausted(A);

        clock.advance(Duration.ofDays(30));

        assertThat(take(p, 10)).containsOnly(B);
        KeyStatus s = p.status().get(0);
        assertThat(s.state()).isEqualTo(KeyState.DISABLED);
        assertThat(s.until()).isNull();
        assertThat(s.reason()).isEqualTo("401 from upstream");
    }

    @Test
    void anExhaustedKeyRestsForTheLongerConfiguredTime() {
        KeyPool p = new KeyPool(List.of(A, B),
                new KeyPool.Config(Strategy.FILL_FIRST, Duration.ofMinutes(15), Duration.ofHours(2)), clock);
        p.exhausted(A);

        KeyStatus s = p.status().get(0);
        assertThat(s.state()).isEqualTo(KeyState.EXHAUSTED);
        assertThat(s.until()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));
        assertThat(s.reason()).isEqualTo("quota exhausted");

        p.cooldown(A, Duration.ofSeconds(5)); // a shorter rest must not shorten the longer one
        clock.advance(Duration.ofHours(1));
        assertThat(take(p, 3)).containsOnly(B);

        clock.advance(Duration.ofHours(1));
        assertThat(take(p, 3)).containsOnly(A);
    }

    @Test
    void aLongerCooldownExtendsAShorterOne() {
        KeyPool p = pool(Strategy.FILL_FIRST, A, B);
        p.cooldown(A, Duration.ofSeconds(5));
        p.cooldown(A, Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(30));
        assertThat(take(p, 1)).containsOnly(B);
        assertThat(p.status().get(0).until()).isEqualTo(clock.instant().plusSeconds(30));
    }

    @Test
    void aCooldownIsCappedSoAHostileRetryAfterCannotBenchAKeyForLong() {
        KeyPool p = pool(Strategy.FILL_FIRST, A, B); // maxCooldown 15 min by default
        p.cooldown(A, Duration.ofDays(365));
        assertThat(p.status().get(0).until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
        clock.advance(Duration.ofMinutes(15));
        assertThat(take(p, 1)).containsOnly(A);
    }

    @Test
    void aZeroCooldownChangesNothingAndUnknownKeysAreReported() {
        KeyPool p = pool(Strategy.FILL_FIRST, A, B);
        assertThat(p.cooldown(A, Duration.ZERO)).isTrue();
        assertThat(take(p, 1)).containsOnly(A);

        assertThat(p.cooldown("sk-some-other-pools-key-0000", Duration.ofSeconds(5))).isFalse();
        assertThat(p.disable("sk-some-other-pools-key-0000", "x")).isFalse();
        assertThat(p.exhausted(null)).isFalse();
    }

    @Test
    void statusShowsEveryKeyMaskedAndNeverTheRawKey() {
        KeyPool p = pool(Strategy.ROUND_ROBIN, A, B, C);
        p.cooldown(B, Duration.ofSeconds(30));
        p.disable(C, "upstream said: key " + C + " is revoked");

        List<KeyStatus> status = p.status();

        assertThat(status).extracting(KeyStatus::index, KeyStatus::key, KeyStatus::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(0, "****key1", KeyState.AVAILABLE),
                org.assertj.core.groups.Tuple.tuple(1, "****key2", KeyState.COOLING_DOWN),
                org.assertj.core.groups.Tuple.tuple(2, "****key3", KeyState.DISABLED));
        assertThat(status.get(1).until()).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(status.get(2).reason()).isEqualTo("upstream said: key ****key3 is revoked");

        String everythingPrintable = status + " " + p + " " + p.lease().orElseThrow();
        for (String raw : List.of(A, B, C)) {
            assertThat(everythingPrintable).doesNotContain(raw).doesNotContain(raw.substring(0, raw.length() - 4));
        }
    }

    @Test
    void leasesCarryTheirIndexAndMaskAndAreReusedNotAllocated() {
        KeyPool p = pool(Strategy.FILL_FIRST, A, B);
        Lease first = p.lease().orElseThrow();
        assertThat(first.key()).isEqualTo(A);
        assertThat(first.index()).isZero();
        assertThat(first.masked()).isEqualTo("****key1");
        assertThat(p.lease()).isSameAs(p.lease()); // the hot path hands out prebuilt objects
    }

    @Test
    void aKeyListedTwiceIsOneKey() {
        KeyPool p = pool(Strategy.ROUND_ROBIN, A, A, B);
        assertThat(p.size()).isEqualTo(2);
        p.cooldown(A, Duration.ofSeconds(5));
        assertThat(take(p, 4)).containsOnly(B);
    }

    @Test
    void roundRobinStaysEvenAcrossThreads() throws Exception {
        KeyPool p = pool(Strategy.ROUND_ROBIN, A, B, C);
        Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        int threads = 8;
        int perThread = 30_000;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService exec = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(exec.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        counts.computeIfAbsent(p.lease().orElseThrow().key(), k -> new LongAdder()).increment();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            exec.shutdownNow();
        }
        long each = (long) threads * perThread / 3;
        assertThat(counts).hasSize(3);
        counts.values().forEach(c -> assertThat(c.sum()).isEqualTo(each));
    }
}
