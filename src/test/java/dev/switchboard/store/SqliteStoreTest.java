package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.TestStores;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class SqliteStoreTest extends StoreContractTest {
    @Override
    TestStores database() {
        return TestStores.sqlite();
    }

    @Test
    void createsTheFileAndItsDirectoriesInWalMode() throws Exception {
        assertThat(Files.exists(store.url().sqliteFile())).isTrue();
        assertThat(Files.exists(store.url().sqliteFile().resolveSibling("switchboard.db-wal"))).isTrue();
    }
}
