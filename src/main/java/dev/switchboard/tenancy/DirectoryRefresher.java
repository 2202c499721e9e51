package dev.switchboard.tenancy;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link TenantDirectory} current: refreshes it when the {@link ChangeFeed} says something changed
 * and at least every {@code period} (which also covers notifications lost while a feed reconnected).
 *
 * <p>One thread does every refresh, so they never overlap; notifications that arrive during a refresh
 * collapse into one more refresh after it (a burst of 100 revocations costs two reloads, not 100), and
 * none is lost: a notification that arrives after a reload started is always followed by another reload.
 */
public final class DirectoryRefresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryRefresher.class);

    private final TenantDirectory directory;
    private final Duration period;
    private final BlockingQueue<String> pending = new ArrayBlockingQueue<>(1);
    private final Thread thread;
    private volatile boolean closed;

    private DirectoryRefresher(TenantDirectory directory, Duration period) {
        this.directory = directory;
        this.period = period;
        this.thread = Thread.ofPlatform().name("switchboard-tenant-refresh").daemon().unstarted(this::run);
    }

    /** Subscribes to the feed and starts the refresh thread; does not refresh before returning. */
    public static DirectoryRefresher start(TenantDirectory directory, ChangeFeed feed, Duration period) {
        DirectoryRefresher r = new DirectoryRefresher(directory, period);
        feed.subscribe(r::requestRefresh);
        r.thread.start();
        return r;
    }

    /** Never blocks: safe from a feed's thread or an event loop. */
    public void requestRefresh(String reason) {
        pending.offer(reason); // full means a refresh is already due, which will see this change too
    }

    private void run() {
        while (!closed) {
            try {
                pending.poll(period.toMillis(), TimeUnit.MILLISECONDS);
                if (closed) {
                    return;
                }
                pending.clear(); // taken before the reload starts, so any later notification triggers another
                directory.refresh();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("refreshing tenants failed: {}", LogSafe.describe(e));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
