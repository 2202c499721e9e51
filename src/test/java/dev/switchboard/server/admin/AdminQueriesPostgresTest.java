package dev.switchboard.server.admin;

import dev.switchboard.testkit.TestStores;

class AdminQueriesPostgresTest extends AdminQueriesContract {
    @Override
    TestStores database() {
        return TestStores.postgres();
    }
}
