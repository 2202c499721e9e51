package dev.switchboard.tenancy;

import static dev.switchboard.tenancy.Tenants.alone;
import static dev.switchboard.tenancy.Tenants.budget;
import static dev.switchboard.tenancy.Tenants.concurrency;
import static dev.switchboard.tenancy.Tenants.inProject;
import static dev.switchboard.tenancy.Tenants.maxRequests;
import static dev.switchboard.tenancy.Tenants.project;
import static dev.switchboard.tenancy.Tenants.rpm;
import static dev.switchboard.tenancy.Tenants.tpm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.testkit.ManualClock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LimitCounters} backend must do, driven by a manual clock. The in-memory backend runs
 * it as is; the Redis backend runs it against a real server.
 */
public abstract class LimitCountersContract {
    protected final ManualClock clock = new ManualClock(); // 2026-01-01T00:00:00Z, the start of a minute
    protected LimitCounters counters;

    protected abstract LimitCounters newCounters(Clock clock);

    @BeforeEach
    void createCounters() {
        counters = newCounters(clock);
    }

    protected static TenantAdmission await(java.util.concurrent.CompletionStage<TenantAdmission> stage) {
        try {
            return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    protected TenantAdmission admit(Tenant t, long tokens) {
        return await(counters.admit(t, tokens));
    }

    protected Permit admitted(Tenant t, long tokens) {
        TenantAdmission a = admit(t, tokens);
        assertThat(a).as("admission").isInstanceOf(TenantAdmission.Admitted.class);
        return ((TenantAdmission.Admitted) a).permit();
    }

    protected Rejection rejected(Tenant t, long tokens) {
        TenantAdmission a = admit(t, tokens);
        assertThat(a).as("admission").isInstanceOf(TenantAdmission.Rejected.class);
        return ((TenantAdmission.Rejected) a).rejection();
    }

    protected static void settle(Permit p, long tokens, String usd) {
        p.settle(tokens, new BigDecimal(usd)).toCompletableFuture().join();
    }

    @Test
    void tenantWithoutLimitsCostsNothing() {
        assertThat(admitted(alone("free", Limits.NONE), 1_000_000)).isSameAs(Permit.NONE);
    }

    @Test
    void rpmIsASlidingWindow() {
        Tenant t = alone("a", rpm(10));
        for (int i = 0; i < 10; i++) {
            admitted(t, 0);
        }
        Rejection r = rejected(t, 0);
        assertThat(r.limit()).isEqualTo(LimitKind.RPM);
        assertThat(r.scope()).isEqualTo(Scope.Kind.KEY);
        assertThat(r.limitValue()).isEqualTo(10);
        assertThat(r.remaining()).isZero();
        // Full minute now; in the next one the 10 slide out linearly: one fits once 10% of it has passed.
        assertThat(r.retryAfterSeconds()).isEqualTo(66);
        assertThat(r.resetEpochSeconds()).isEqualTo(clock.instant().getEpochSecond() + 66);

        clock.advance(Duration.ofSeconds(60)); // a fixed window would allow 10 more right here
        Rejection again = rejected(t, 0);
        assertThat(again.retryAfterSeconds()).isEqualTo(6);
        clock.advance(Duration.ofSeconds(6));
        admitted(t, 0);
        rejected(t, 0);
        clock.advance(Duration.ofSeconds(120));
        for (int i = 0; i < 10; i++) {
            admitted(t, 0);
        }
    }

    @Test
    void rateRejectionsCarryHeadersAndA429() {
        Tenant t = alone("h", rpm(1));
        admitted(t, 0);
        Rejection r = rejected(t, 0);
        assertThat(r.headers()).containsOnlyKeys("Retry-After", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset");
        // The estimate spreads the previous minute evenly, so a limit of 1 frees only when all of it has slid out.
        assertThat(r.headers()).containsEntry("Retry-After", "120").containsEntry("x-ratelimit-limit", "1")
                .containsEntry("x-ratelimit-remaining", "0")
                .containsEntry("x-ratelimit-reset", Long.toString(clock.instant().getEpochSecond() + 120));
        assertThat(r.error().kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(r.error().status()).isEqualTo(429);
        assertThat(r.error().code()).isEqualTo("rate_limit_exceeded");
        assertThat(r.error().getMessage()).isEqualTo("rate limit reached: key 'key-h' allows 1 requests per minute; retry in 120 s");
    }

    @Test
    void tpmChargesTheEstimateAndSettlesTheRealCount() {
        Tenant t = alone("t", tpm(1000));
        Permit first = admitted(t, 600);
        Rejection r = rejected(t, 500);
        assertThat(r.limit()).isEqualTo(LimitKind.TPM);
        assertThat(r.remaining()).isEqualTo(400);
        settle(first, 200, "0"); // the estimate was high: 400 tokens go back
        admitted(t, 500);
        rejected(t, 301);
        admitted(t, 300);
    }

    @Test
    void aRequestLargerThanTheWholeTpmLimitNeverPasses() {
        Rejection r = rejected(alone("big", tpm(1000)), 1001);
        assertThat(r.retryAfterSeconds()).isZero();
        assertThat(r.headers()).doesNotContainKey("Retry-After");
        assertThat(r.message()).startsWith("request too large");
    }

    @Test
    void concurrencyIsFreedBySettlingOnce() {
        Tenant t = alone("c", concurrency(2));
        Permit a = admitted(t, 0);
        admitted(t, 0);
        Rejection r = rejected(t, 0);
        assertThat(r.limit()).isEqualTo(LimitKind.CONCURRENCY);
        assertThat(r.retryAfterSeconds()).isEqualTo(1);
        assertThat(r.error().code()).isEqualTo("concurrency_limit_exceeded");
        settle(a, 10, "0");
        settle(a, 10, "0"); // a second settlement must not free a second slot
        admitted(t, 0);
        rejected(t, 0);
    }

    @Test
    void requestCapStartsFromTheStoresCount() {
        Tenant t = new Tenant(Tenants.key("m", null, maxRequests(5), new Consumption(3, List.of())), null);
        admitted(t, 0);
        admitted(t, 0);
        Rejection r = rejected(t, 0);
        assertThat(r.limit()).isEqualTo(LimitKind.MAX_REQUESTS);
        assertThat(r.remaining()).isZero();
        assertThat(r.retryAfterSeconds()).isZero();
        assertThat(r.resetEpochSeconds()).isZero();
        assertThat(r.headers()).doesNotContainKeys("Retry-After", "x-ratelimit-reset");
        assertThat(r.error().code()).isEqualTo("request_cap_reached");
        clock.advance(Duration.ofDays(1));
        rejected(t, 0);
    }

    @Test
    void budgetAdmitsWhileMoneyIsLeftAndResetsWithItsPeriod() {
        Instant today = BudgetPeriod.DAY.start(clock.instant());
        Instant yesterday = today.minus(Duration.ofDays(1));
        Consumption c = new Consumption(0, List.of(
                new Consumption.PeriodSpend(BudgetPeriod.DAY, today, new BigDecimal("0.40")),
                new Consumption.PeriodSpend(BudgetPeriod.MONTH, yesterday, new BigDecimal("999")))); // another period: ignored
        Limits limits = new Limits(0, 0, 0, 0, List.of(new Limits.Budget(new BigDecimal("1"), BudgetPeriod.DAY),
                new Limits.Budget(new BigDecimal("100"), BudgetPeriod.MONTH)));
        Tenant t = new Tenant(Tenants.key("b", null, limits, c), null);
        clock.advance(Duration.ofHours(10));

        Permit p = admitted(t, 0);
        settle(p, 0, "0.70"); // 1.10 spent: over, by one request in flight, as documented
        Rejection r = rejected(t, 0);
        assertThat(r.limit()).isEqualTo(LimitKind.BUDGET);
        assertThat(r.budget()).isEqualTo(new Limits.Budget(new BigDecimal("1"), BudgetPeriod.DAY));
        assertThat(r.spentUsd()).isEqualByComparingTo("1.10");
        assertThat(r.resetEpochSeconds()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z").getEpochSecond());
        assertThat(r.retryAfterSeconds()).isEqualTo(Duration.ofHours(14).toSeconds());
        assertThat(r.error().code()).isEqualTo("budget_exceeded");
        assertThat(r.error().status()).isEqualTo(429);
        assertThat(r.message()).isEqualTo("budget exceeded: the daily budget of $1 of key 'key-b' is spent ($1.1);"
                + " it resets at 2026-01-02T00:00:00Z");
        assertThat(r.headers()).containsOnlyKeys("Retry-After");

        clock.advance(Duration.ofHours(14));
        settle(admitted(t, 0), 0, "0.99");
        admitted(t, 0);
    }

    @Test
    void aZeroBudgetAllowsNothing() {
        assertThat(rejected(alone("z", budget("0", BudgetPeriod.MONTH)), 0).limit()).isEqualTo(LimitKind.BUDGET);
    }

    @Test
    void projectLimitsAreSharedByItsKeys() {
        Project p = project("web", rpm(3));
        Tenant a = inProject("pa", Limits.NONE, p);
        Tenant b = inProject("pb", Limits.NONE, p);
        admitted(a, 0);
        admitted(b, 0);
        admitted(a, 0);
        Rejection r = rejected(b, 0);
        assertThat(r.scope()).isEqualTo(Scope.Kind.PROJECT);
        assertThat(r.scopeName()).isEqualTo("project-web");
        assertThat(r.message()).contains("project 'project-web' allows 3 requests per minute");
    }

    @Test
    void aRejectedRequestCountsNowhere() {
        Project p = project("atomic", concurrency(1));
        Tenant t = inProject("k", rpm(2), p);
        Permit first = admitted(t, 0);
        assertThat(rejected(t, 0).scope()).as("refused by the project").isEqualTo(Scope.Kind.PROJECT);
        settle(first, 0, "0");
        Permit second = admitted(t, 0); // the refused one did not use up the key's second request
        settle(second, 0, "0");
        assertThat(rejected(t, 0).scope()).isEqualTo(Scope.Kind.KEY);
    }

    @Test
    void keyLimitsAreCheckedBeforeProjectLimits() {
        Tenant t = inProject("first", rpm(1), project("second", rpm(1)));
        admitted(t, 0);
        assertThat(rejected(t, 0).scope()).isEqualTo(Scope.Kind.KEY);
    }
}
