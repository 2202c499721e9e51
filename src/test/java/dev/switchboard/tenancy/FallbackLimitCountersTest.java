package dev.switchboard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.ManualClock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FallbackLimitCountersTest {
    private final ManualClock clock = new ManualClock();
    private final Tenant tenant = Tenants.alone("f", Tenants.rpm(1));

    @Test
    void judgesLocallyWhileTheSharedBackendFails() {
        AtomicReference<LimitCounters> shared = new AtomicReference<>(
                (t, tokens) -> CompletableFuture.failedFuture(new IllegalStateException("redis down")));
        FallbackLimitCounters counters = new FallbackLimitCounters((t, tokens) -> shared.get().admit(t, tokens),
                new InMemoryLimitCounters(clock));

        assertThat(counters.admit(tenant, 0).toCompletableFuture().join()).isInstanceOf(TenantAdmission.Admitted.class);
        assertThat(counters.degraded()).isTrue();
        assertThat(counters.admit(tenant, 0).toCompletableFuture().join())
                .as("the local counters enforce the limit").isInstanceOf(TenantAdmission.Rejected.class);

        TenantAdmission fromShared = new TenantAdmission.Admitted(Permit.NONE);
        shared.set((t, tokens) -> CompletableFuture.completedFuture(fromShared));
        assertThat(counters.admit(tenant, 0).toCompletableFuture().join()).isSameAs(fromShared);
        assertThat(counters.degraded()).isFalse();
    }
}
