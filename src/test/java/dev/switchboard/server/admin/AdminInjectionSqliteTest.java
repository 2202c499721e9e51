package dev.switchboard.server.admin;

import dev.switchboard.testkit.TestStores;

class AdminInjectionSqliteTest extends AdminInjectionContract {
    @Override
    TestStores database() {
        return TestStores.sqlite();
    }
}
