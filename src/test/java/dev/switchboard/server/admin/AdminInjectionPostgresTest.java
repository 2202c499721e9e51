package dev.switchboard.server.admin;

import dev.switchboard.testkit.TestStores;

class AdminInjectionPostgresTest extends AdminInjectionContract {
    @Override
    TestStores database() {
        return TestStores.postgres();
    }
}
