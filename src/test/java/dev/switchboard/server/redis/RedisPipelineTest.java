package dev.switchboard.server.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.tenancy.LimitCounters;
import dev.switchboard.tenancy.Permit;
import dev.switchboard.tenancy.TenantAdmission;
import dev.switchboard.tenancy.Tenants;
import dev.switchboard.testkit.ManualClock;
import io.vertx.core.Context;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What makes a Redis round trip cheap for the event loop: one write per loop turn, settlements riding
 * along with admissions, answers on the loop that asked.
 */
@Tag("redis")
class RedisPipelineTest {
    @Test
    void theAdmissionsOfOneLoopTurnLeaveInOneWriteAndAreAnsweredOnTheLoop() throws Exception {
        LocalRedis.assumeRunning();
        try (LocalRedis redis = new LocalRedis()) {
            RedisPipeline pipeline = redis.pipeline();
            LimitCounters limits = new RedisLimitCounters(pipeline, new ManualClock(), LocalRedis.uniquePrefix(),
                    Duration.ofMinutes(30));
            var tenant = Tenants.alone("turn", Tenants.rpm(1000));
            Context loop = redis.vertx.getOrCreateContext();
            CompletableFuture<Void> connected = new CompletableFuture<>();
            loop.runOnContext(v -> limits.admit(tenant, 0).thenRun(() -> connected.complete(null)));
            connected.get(5, TimeUnit.SECONDS);

            long writesBefore = pipeline.writes();
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
            assertThat(pipeline.writes() - writesBefore).as("writes for 100 admissions").isEqualTo(1);
        }
    }

    @Test
    void aSettlementRidesAlongWithTheNextAdmission() throws Exception {
        LocalRedis.assumeRunning();
        try (LocalRedis redis = new LocalRedis()) {
            RedisPipeline pipeline = redis.pipeline();
            LimitCounters limits = new RedisLimitCounters(pipeline, new ManualClock(), LocalRedis.uniquePrefix(),
                    Duration.ofMinutes(30));
            var tenant = Tenants.alone("ride", Tenants.tpm(1000));
            Context loop = redis.vertx.getOrCreateContext();
            CompletableFuture<Permit> first = new CompletableFuture<>();
            loop.runOnContext(v -> limits.admit(tenant, 10).thenAccept(a -> first.complete(
                    ((TenantAdmission.Admitted) a).permit())));
            Permit permit = first.get(5, TimeUnit.SECONDS);

            long writesBefore = pipeline.writes();
            CompletableFuture<Void> both = new CompletableFuture<>();
            loop.runOnContext(v -> {
                CompletableFuture<Void> settled = permit.settle(30, BigDecimal.ZERO).toCompletableFuture();
                // the next request comes in a later turn of the loop, well within the settlement's wait
                loop.runOnContext(w -> CompletableFuture.allOf(settled, limits.admit(tenant, 10).toCompletableFuture())
                        .thenRun(() -> both.complete(null)));
            });
            both.get(5, TimeUnit.SECONDS);
            assertThat(pipeline.writes() - writesBefore).as("writes for a settlement and an admission")
                    .isEqualTo(1);
        }
    }
}
