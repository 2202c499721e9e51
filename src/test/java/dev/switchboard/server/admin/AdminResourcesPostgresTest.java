package dev.switchboard.server.admin;

import dev.switchboard.testkit.TestStores;

/** On the real PostgreSQL at 127.0.0.1:5432, in a fresh schema (skipped, saying why, when it is absent). */
class AdminResourcesPostgresTest extends AdminResourcesContract {
    @Override
    TestStores database() {
        return TestStores.postgres();
    }
}
