package dev.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ConcurrencyLimiterTest {

    @Test
    void admitsUpToTheMaxThenRefusesAtOnce() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter("instance", 2);
        Optional<ConcurrencyLimiter.Permit> a = limiter.tryAcquire();
        Optional<ConcurrencyLimiter.Permit> b = limiter.tryAcquire();

        assertThat(a).isPresent();
        assertThat(b).isPresent();
        assertThat(limiter.tryAcquire()).isEmpty();
        assertThat(limiter.snapshot()).isEqualTo(new ConcurrencyLimiter.Snapshot("instance", 2, 2, 1));

        a.get().close();
        assertThat(limiter.tryAcquire()).isPresent();
    }

    @Test
    void releasingTwiceGivesBackOnePermit() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter("p", 2);
        ConcurrencyLimiter.Permit a = limiter.tryAcquire().orElseThrow();
        limiter.tryAcquire().orElseThrow();

        a.close();
        a.close();
        a.close();

        assertThat(limiter.inFlight()).isEqualTo(1);
        assertThat(limiter.tryAcquire()).isPresent();
        assertThat(limiter.tryAcquire()).isEmpty(); // a's triple close did not make room for three
    }

    @Test
    void tryWithResourcesReleases() {
        ConcurrencyLimiter limiter = new ConcurrencyLimiter("p", 1);
        try (ConcurrencyLimiter.Permit p = limiter.tryAcquire().orElseThrow()) {
            assertThat(limiter.tryAcquire()).isEmpty();
        }
        assertThat(limiter.inFlight()).isZero();
    }

    @Test
    void rejectsANonPositiveMax() {
        assertThatThrownBy(() -> new ConcurrencyLimiter("p", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exactlyMaxOfManySimultaneousCallersGetIn() throws Exception {
        int max = 5;
        int threads = 32;
        ConcurrencyLimiter limiter = new ConcurrencyLimiter("p", max);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService exec = Executors.newFixedThreadPool(threads);
        List<Future<Boolean>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                results.add(exec.submit(() -> {
                    go.await();
                    return limiter.tryAcquire().isPresent(); // held, never released
                }));
            }
            go.countDown();
            int admitted = 0;
            for (Future<Boolean> f : results) {
                admitted += f.get(10, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(admitted).isEqualTo(max);
            assertThat(limiter.snapshot().rejected()).isEqualTo(threads - max);
        } finally {
            exec.shutdownNow();
        }
    }

    @Test
    void concurrencyNeverExceedsTheMaxUnderChurnAndAllPermitsComeBack() throws Exception {
        int max = 3;
        int threads = 8;
        ConcurrencyLimiter limiter = new ConcurrencyLimiter("p", max);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger highest = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService exec = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(exec.submit(() -> {
                    go.await();
                    for (int i = 0; i < 20_000; i++) {
                        Optional<ConcurrencyLimiter.Permit> p = limiter.tryAcquire();
                        if (p.isPresent()) {
                            int now = inside.incrementAndGet();
                            highest.accumulateAndGet(now, Math::max);
                            inside.decrementAndGet();
                            p.get().close();
                            p.get().close(); // double release on the side: must be harmless
                        }
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
        assertThat(highest.get()).isBetween(1, max);
        assertThat(limiter.inFlight()).isZero();
    }
}
