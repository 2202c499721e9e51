package dev.switchboard.server.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.tenancy.FallbackLimitCounters;
import dev.switchboard.tenancy.InMemoryLimitCounters;
import dev.switchboard.tenancy.LimitCounters;
import dev.switchboard.tenancy.Tenant;
import dev.switchboard.tenancy.TenantAdmission;
import dev.switchboard.tenancy.Tenants;
import dev.switchboard.testkit.ManualClock;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Redis-backed limits with the per-instance fallback, against the real Redis: a healthy Redis is used
 * whatever the load and however busy the event loop, a stalled one is left after the timeout and used
 * again once it answers, and what was in doubt meanwhile is put right.
 */
@Tag("redis")
class RedisFallbackTest {
    private final ManualClock clock = new ManualClock();
    private final AtomicInteger judgedLocally = new AtomicInteger();
    private LocalRedis redis;
    private String prefix;

    @BeforeEach
    void setUp() {
        LocalRedis.assumeRunning();
        redis = new LocalRedis();
        prefix = LocalRedis.uniquePrefix();
    }

    @AfterEach
    void tearDown() {
        if (redis != null) {
            redis.close();
        }
    }

    /** What the gateway wires: Redis first, this instance's own counters (counted here) behind it. */
    private FallbackLimitCounters limits(String url) {
        InMemoryLimitCounters memory = new InMemoryLimitCounters(clock);
        LimitCounters local = (t, tokens) -> {
            judgedLocally.incrementAndGet();
            return memory.admit(t, tokens);
        };
        return new FallbackLimitCounters(
                new RedisLimitCounters(redis.pipeline(url), clock, prefix, Duration.ofMinutes(30)), local);
    }

    @Test
    void aBurstOfConcurrentAdmissionsIsCountedInRedisNotLocally() {
        FallbackLimitCounters limits = limits(LocalRedis.URL);
        Tenant t = Tenants.alone("burst", Tenants.rpm(3001));
        join(onEventLoop(() -> limits.admit(t, 0))); // this event loop's connection is up
        // 3000 admissions asked at once on one event loop, as a saturated gateway asks them
        List<CompletionStage<TenantAdmission>> all = onEventLoop(() -> {
            List<CompletionStage<TenantAdmission>> asked = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                asked.add(limits.admit(t, 0));
            }
            return asked;
        });
        assertThat(all.stream().map(RedisFallbackTest::join).filter(TenantAdmission.Admitted.class::isInstance))
                .hasSize(3000);
        assertThat(judgedLocally).as("admissions judged locally while Redis was healthy").hasValue(0);
        assertThat(join(limits(LocalRedis.URL).admit(t, 0))).as("another instance sees the 3001 in Redis")
                .isInstanceOf(TenantAdmission.Rejected.class);
        assertThat(limits.degraded()).isFalse();
    }

    @Test
    void aBusyEventLoopIsNotTakenForASlowRedis() {
        FallbackLimitCounters limits = limits(LocalRedis.URL);
        Tenant t = Tenants.alone("busy", Tenants.rpm(10));
        join(onEventLoop(() -> limits.admit(t, 0))); // this event loop's connection is up
        CompletionStage<TenantAdmission> admission = onEventLoop(() -> {
            CompletionStage<TenantAdmission> a = limits.admit(t, 0);
            // the loop stays busy for three timeouts: first before the command is written, then while
            // its reply waits to be read
            Context context = redis.vertx.getOrCreateContext();
            context.runOnContext(v -> block(Duration.ofMillis(400)));
            context.runOnContext(v -> context.runOnContext(w -> block(Duration.ofMillis(400))));
            return a;
        });
        assertThat(join(admission)).isInstanceOf(TenantAdmission.Admitted.class);
        assertThat(judgedLocally).hasValue(0);
        assertThat(limits.degraded()).isFalse();
    }

    @Test
    void aStalledRedisIsLeftAfterTheTimeoutAndUsedAgainOnceItAnswers() {
        try (StallingProxy proxy = new StallingProxy(redis.vertx)) {
            FallbackLimitCounters limits = limits(proxy.url());
            Tenant steady = Tenants.alone("steady", Tenants.rpm(1000));
            assertThat(join(limits.admit(steady, 0))).isInstanceOf(TenantAdmission.Admitted.class);
            assertThat(judgedLocally).hasValue(0);

            proxy.stall();
            Tenant oneAtATime = Tenants.alone("one-at-a-time", Tenants.concurrency(1));
            assertThat(join(limits.admit(oneAtATime, 0))).as("judged locally once Redis is overdue")
                    .isInstanceOf(TenantAdmission.Admitted.class);
            assertThat(judgedLocally).hasValue(1);
            assertThat(limits.degraded()).isTrue();
            String slots = new CounterKeys(prefix, oneAtATime).concurrency(oneAtATime.scopes().get(0));
            assertThat(redis.api().zcard(slots).await().toInteger())
                    .as("Redis ran the admission whose answer never came").isEqualTo(1);

            proxy.resume();
            await().atMost(5, TimeUnit.SECONDS).until(() -> {
                int before = judgedLocally.get();
                join(limits.admit(steady, 0));
                return judgedLocally.get() == before;
            });
            assertThat(limits.degraded()).isFalse();
            assertThat(proxy.deadClosedByClient()).as("the stalled connection was closed, not reused").isPositive();
            await().atMost(5, TimeUnit.SECONDS).untilAsserted(() -> assertThat(redis.api().zcard(slots).await()
                    .toInteger()).as("the slot of the admission in doubt is released").isZero());
        }
    }

    private <T> T onEventLoop(java.util.function.Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        redis.vertx.getOrCreateContext().runOnContext(v -> result.complete(action.get()));
        return result.join();
    }

    private static void block(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    private static TenantAdmission join(CompletionStage<TenantAdmission> stage) {
        try {
            return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
