package dev.switchboard.store;

import dev.switchboard.testkit.TestStores;

/** The same cases against the real PostgreSQL on 127.0.0.1:5432 (skipped, with a message, when absent). */
class PostgresStoreTest extends StoreContractTest {
    @Override
    TestStores database() {
        return TestStores.postgres();
    }
}
