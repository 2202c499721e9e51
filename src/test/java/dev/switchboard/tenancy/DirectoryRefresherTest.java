package dev.switchboard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.ManualClock;
import dev.switchboard.testkit.Propagation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DirectoryRefresherTest {
    private final VirtualKeys keys = new VirtualKeys();

    @Test
    void aPublishedChangeIsSeenWithinOneSecond() {
        String secret = "sk-sb-change-0123456789";
        TenantDirectoryTest.MutableSource store = new TenantDirectoryTest.MutableSource();
        TenantDirectory d = new TenantDirectory(List.of(store), keys, new ManualClock());
        d.refresh();
        try (LocalChangeFeed feed = new LocalChangeFeed();
                DirectoryRefresher r = DirectoryRefresher.start(d, feed, Duration.ofMinutes(5))) {
            int before = store.calls;
            feed.publish("warm-up"); // one refresh on the refresher's thread, unmeasured: a cold thread is not the guarantee's
            Propagation.await("the warm-up refresh", () -> store.calls > before);

            store.listing.set(new TenantSource.Listing(List.of(), List.of(new VirtualKey(keys.hash(secret), "c", "c",
                    "sk-sb-ch…", null, List.of(), List.of(), Limits.NONE, null, false, null, Consumption.NONE))));
            long committed = System.nanoTime();
            feed.publish("key:c");
            Propagation.assertSeenInTime("the new key in the directory", committed,
                    () -> d.authenticate(secret) instanceof Lookup.Found);
        }
    }

    @Test
    void aBurstOfChangesCostsAtMostTwoReloads() throws Exception {
        CountDownLatch inReload = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reloads = new AtomicInteger();
        TenantSource slow = () -> {
            reloads.incrementAndGet();
            inReload.countDown();
            release.await(5, TimeUnit.SECONDS);
            return TenantSource.Listing.EMPTY;
        };
        TenantDirectory d = new TenantDirectory(List.of(slow), keys, new ManualClock());
        try (LocalChangeFeed feed = new LocalChangeFeed();
                DirectoryRefresher r = DirectoryRefresher.start(d, feed, Duration.ofMinutes(5))) {
            feed.publish("first");
            assertThat(inReload.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 100; i++) {
                feed.publish("key:" + i); // arrive while the first reload runs
            }
            release.countDown();
            await().atMost(Duration.ofSeconds(2)).until(() -> reloads.get() >= 2);
            Thread.sleep(200); // time enough for a wrongly queued third reload to show up
            assertThat(reloads).hasValue(2);
        }
    }

    @Test
    void refreshesPeriodicallyWithoutNotifications() {
        AtomicInteger reloads = new AtomicInteger();
        TenantDirectory d = new TenantDirectory(List.of(() -> {
            reloads.incrementAndGet();
            return TenantSource.Listing.EMPTY;
        }), keys, new ManualClock());
        try (LocalChangeFeed feed = new LocalChangeFeed();
                DirectoryRefresher r = DirectoryRefresher.start(d, feed, Duration.ofMillis(50))) {
            await().atMost(Duration.ofSeconds(2)).until(() -> reloads.get() >= 3);
        }
    }
}
