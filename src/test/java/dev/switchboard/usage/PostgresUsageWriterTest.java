package dev.switchboard.usage;

import dev.switchboard.store.Store;
import dev.switchboard.store.StoreOptions;
import dev.switchboard.store.StoreUrl;
import dev.switchboard.testkit.TcpProxy;
import dev.switchboard.testkit.TestStores;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The writer talks to the real PostgreSQL through a loopback proxy; an outage resets every open
 * connection and every new one, so the pool sees dead sockets and failed connects. The cut is a hard
 * line ({@link TcpProxy#cut()}): a record submitted after it cannot reach the database before the restore.
 */
class PostgresUsageWriterTest extends UsageWriterContractTest {
    private TcpProxy proxy;
    private Store viaProxy;

    @Override
    TestStores database() {
        return TestStores.postgres();
    }

    @Override
    UsageSink sink() throws Exception {
        if (viaProxy == null) {
            String[] hostPort = TestStores.PG_HOST_PORT.split(":");
            proxy = new TcpProxy(hostPort[0], Integer.parseInt(hostPort[1]));
            StoreUrl url = StoreUrl.parse(db.urlVia(proxy.hostPort()));
            viaProxy = Store.open(url, StoreOptions.defaults(url.dialect()).withConnectTimeout(Duration.ofMillis(500)));
        }
        return new StoreUsageSink(viaProxy.usage());
    }

    @Override
    void takeDatabaseDown() {
        proxy.cut();
    }

    @Override
    void bringDatabaseBack() throws Exception {
        proxy.restore();
    }

    @AfterEach
    void closeProxy() {
        if (viaProxy != null) {
            viaProxy.close();
            viaProxy = null;
        }
        if (proxy != null) {
            proxy.close();
            proxy = null;
        }
    }
}
