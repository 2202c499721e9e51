package dev.switchboard.server.admin;

import dev.switchboard.testkit.TestStores;

class AdminQueriesSqliteTest extends AdminQueriesContract {
    @Override
    TestStores database() {
        return TestStores.sqlite();
    }
}
