package dev.switchboard.server.admin;

import dev.switchboard.testkit.TestStores;

class AdminTenancySqliteTest extends AdminTenancyContract {
    @Override
    TestStores database() {
        return TestStores.sqlite();
    }
}
