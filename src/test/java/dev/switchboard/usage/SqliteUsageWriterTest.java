package dev.switchboard.usage;

import dev.switchboard.testkit.TestStores;
import java.util.List;

/**
 * SQLite is a file in-process, so "down" is simulated at the sink: while down, every write fails as
 * a locked or unreachable database would (the PostgreSQL variant cuts a real connection).
 */
class SqliteUsageWriterTest extends UsageWriterContractTest {
    private volatile boolean down;

    @Override
    TestStores database() {
        return TestStores.sqlite();
    }

    @Override
    UsageSink sink() {
        StoreUsageSink real = new StoreUsageSink(direct.usage());
        return (List<UsageRecord> batch) -> {
            if (down) {
                throw new IllegalStateException("database is locked");
            }
            real.write(batch);
        };
    }

    @Override
    void takeDatabaseDown() {
        down = true;
    }

    @Override
    void bringDatabaseBack() {
        down = false;
    }
}
