package dev.switchboard.server.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.tenancy.LimitCounters;
import dev.switchboard.tenancy.TenantAdmission;
import dev.switchboard.tenancy.Tenants;
import dev.switchboard.testkit.ManualClock;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What makes a Redis round trip cheap for the event loop: one write per loop turn, answers on the loop. */
@Tag("redis")
class RedisPipelineTest {
    @Test
    void theAdmissionsOfOneLoopTurnLeaveInOneWriteAndAreAnsweredOnTheLoop() throws Exception {
        LocalRedis.assumeRunning();
        try (LocalRedis redis = new LocalRedis(); StallingProxy proxy = new StallingProxy(redis.vertx)) {
            LimitCounters limits = new RedisLimitCounters(redis.pipeline(proxy.url()), new ManualClock(),
                    LocalRedis.uniquePrefix(), Duration.ofMinutes(30));
            var tenant = Tenants.alone("turn", Tenants.rpm(1000));
            Context loop = redis.vertx.getOrCreateContext();
            CompletableFuture<Void> connected = new CompletableFuture<>();
            loop.runOnContext(v -> limits.admit(tenant, 0).thenRun(() -> connected.complete(null)));
            connected.get(5, TimeUnit.SECONDS);

            int readsBefore = proxy.readsFromClients();
            CompletableFuture<List<Thread>> answeredOn = new CompletableFuture<>();
            loop.runOnContext(v -> {
                List<CompletableFuture<Thread>> threads = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    threads.add(limits.admit(tenant, 0).toCompletableFuture().thenApply(a -> {
                        assertThat(a).isInstanceOf(TenantAdmission.Admitted.class);
                        return Thread.currentThread();
                    }));
                }
                CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new))
                        .thenRun(() -> answeredOn.complete(threads.stream().map(CompletableFuture::join).toList()));
            });
            List<Thread> threads = answeredOn.get(5, TimeUnit.SECONDS);
            Thread loopThread = CompletableFuture.supplyAsync(Thread::currentThread,
                    task -> loop.runOnContext(v -> task.run())).get(5, TimeUnit.SECONDS);

            assertThat(threads).as("each admission answered on the loop that asked").containsOnly(loopThread);
            // 100 script calls of ~400 bytes: one write (TCP may deliver it in a few reads), not 100
            assertThat(proxy.readsFromClients() - readsBefore).isBetween(1, 5);
        }
    }
}
