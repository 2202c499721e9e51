package dev.switchboard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryLimitCountersTest extends LimitCountersContract {
    @Override
    protected LimitCounters newCounters(Clock clock) {
        return new InMemoryLimitCounters(clock);
    }

    @Test
    void racingThreadsGetExactlyTheLimit() throws Exception {
        Tenant t = Tenants.inProject("race", Tenants.rpm(1_000), Tenants.project("race", Tenants.rpm(250)));
        AtomicInteger admitted = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int j = 0; j < 100; j++) {
                    if (admit(t, 0) instanceof TenantAdmission.Admitted) {
                        admitted.incrementAndGet();
                    }
                }
            }));
        }
        go.countDown();
        for (Thread th : threads) {
            th.join();
        }
        assertThat(admitted).hasValue(250);
    }
}
