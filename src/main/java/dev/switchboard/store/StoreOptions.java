package dev.switchboard.store;

import java.time.Duration;

/**
 * Pool settings. SQLite has one writer no matter how many connections exist, so its pool stays small
 * (readers under WAL run beside the writer); PostgreSQL gets a pool sized for a few concurrent writers.
 *
 * @param connectTimeout how long a caller waits for a connection before the call fails; the usage
 *                       writer relies on this to notice an unreachable database quickly
 * @param busyTimeout    SQLite only: how long a statement waits for another process's write lock
 */
public record StoreOptions(int maxPoolSize, Duration connectTimeout, Duration busyTimeout) {
    public static StoreOptions defaults(Dialect dialect) {
        return dialect == Dialect.SQLITE
                ? new StoreOptions(4, Duration.ofSeconds(5), Duration.ofSeconds(5))
                : new StoreOptions(8, Duration.ofSeconds(5), Duration.ZERO);
    }

    public StoreOptions withConnectTimeout(Duration timeout) {
        return new StoreOptions(maxPoolSize, timeout, busyTimeout);
    }
}
