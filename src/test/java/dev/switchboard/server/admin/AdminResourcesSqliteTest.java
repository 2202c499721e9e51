package dev.switchboard.server.admin;

import dev.switchboard.testkit.TestStores;

class AdminResourcesSqliteTest extends AdminResourcesContract {
    @Override
    TestStores database() {
        return TestStores.sqlite();
    }
}
