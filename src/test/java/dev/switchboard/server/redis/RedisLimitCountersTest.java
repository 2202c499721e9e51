package dev.switchboard.server.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.tenancy.BudgetPeriod;
import dev.switchboard.tenancy.LimitCounters;
import dev.switchboard.tenancy.LimitCountersContract;
import dev.switchboard.tenancy.LimitKind;
import dev.switchboard.tenancy.Limits;
import dev.switchboard.tenancy.Permit;
import dev.switchboard.tenancy.Tenant;
import dev.switchboard.tenancy.TenantAdmission;
import dev.switchboard.tenancy.Tenants;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The limit contract against the real Redis, and two gateways sharing one Redis. */
@Tag("redis")
class RedisLimitCountersTest extends LimitCountersContract {
    private static LocalRedis redis; // one Vert.x for the class; every test has its own clients and prefix
    private String prefix;

    @BeforeAll
    static void needsRedis() {
        LocalRedis.assumeRunning();
        redis = new LocalRedis();
    }

    @AfterAll
    static void closeRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected LimitCounters newCounters(Clock clock) {
        prefix = LocalRedis.uniquePrefix();
        return gateway(clock);
    }

    private RedisLimitCounters gateway(Clock clock) {
        return new RedisLimitCounters(redis.pipeline(), clock, prefix, Duration.ofMinutes(30));
    }

    @Test
    void twoGatewaysEnforceOneRpmLimit() {
        LimitCounters a = counters;
        LimitCounters b = gateway(clock); // its own connection, as another instance would have
        Tenant t = Tenants.inProject("shared", Limits.NONE, Tenants.project("shared", Tenants.rpm(25)));
        List<CompletionStage<TenantAdmission>> all = new ArrayList<>();
        for (int i = 0; i < 30; i++) { // 60 requests in flight at once, interleaved over two connections
            all.add(a.admit(t, 0));
            all.add(b.admit(t, 0));
        }
        long admitted = all.stream().map(LimitCountersContract::await)
                .filter(TenantAdmission.Admitted.class::isInstance).count();
        assertThat(admitted).isEqualTo(25);
    }

    @Test
    void twoGatewaysEnforceOneBudget() {
        LimitCounters a = counters;
        LimitCounters b = gateway(clock);
        Tenant t = Tenants.alone("spender", Tenants.budget("1.00", BudgetPeriod.MONTH));
        settle(admittedBy(a, t), 0, "0.60");
        settle(admittedBy(b, t), 0, "0.39");
        Permit last = admittedBy(a, t); // 0.01 left: admitted, and may overshoot by its own cost
        settle(last, 0, "0.05");
        for (LimitCounters g : List.of(a, b)) {
            TenantAdmission refused = await(g.admit(t, 0));
            assertThat(refused).isInstanceOf(TenantAdmission.Rejected.class);
            assertThat(((TenantAdmission.Rejected) refused).rejection().limit()).isEqualTo(LimitKind.BUDGET);
            assertThat(((TenantAdmission.Rejected) refused).rejection().spentUsd()).isEqualByComparingTo("1.04");
        }
    }

    @Test
    void everyCounterKeyExpires() {
        Limits all = new Limits(10, 1000, 5, 100, List.of(new Limits.Budget(new BigDecimal("5"), BudgetPeriod.DAY)));
        Permit p = admitted(Tenants.inProject("ttl", all, Tenants.project("ttl", all)), 10);
        assertThat(keysWithTtl()).as("rpm, tpm, inflight, requests, spend; for key and project").isEqualTo(10);
        settle(p, 20, "0.01");
        assertThat(keysWithTtl()).as("the in-flight sets are gone once empty").isEqualTo(8);
    }

    /** Counts this test's keys, failing on any without a TTL. */
    private int keysWithTtl() {
        RedisAPI api = redis.api();
        Response keys = api.keys(prefix + "*").await();
        for (Response k : keys) {
            assertThat(api.pttl(k.toString()).await().toLong()).as("TTL of %s", k).isPositive();
        }
        return keys.size();
    }

    @Test
    void scriptsUnknownToTheServerAreSentOnce() {
        RedisScript fresh = RedisScript.of("return {tonumber(ARGV[1]) + 1} -- " + prefix);
        RedisPipeline pipeline = redis.pipeline();
        assertThat(fresh.run(pipeline, List.of(), List.of("41")).await().get(0).toLong()).isEqualTo(42);
        assertThat(fresh.run(pipeline, List.of(), List.of("1")).await().get(0).toLong()).isEqualTo(2);
    }

    private static Permit admittedBy(LimitCounters g, Tenant t) {
        TenantAdmission a = await(g.admit(t, 0));
        assertThat(a).isInstanceOf(TenantAdmission.Admitted.class);
        return ((TenantAdmission.Admitted) a).permit();
    }

}
