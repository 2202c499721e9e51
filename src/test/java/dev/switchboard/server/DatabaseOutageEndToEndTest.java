package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.store.Store;
import dev.switchboard.store.UsageFilter;
import dev.switchboard.testkit.GatewayTest;
import dev.switchboard.testkit.TcpProxy;
import dev.switchboard.testkit.TestStores;
import dev.switchboard.usage.WriterStats;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The usage database goes away under load — its connections are cut at a loopback proxy in front of the
 * real PostgreSQL — and comes back: the gateway answers every request meanwhile, the spool takes the
 * records, and afterwards the database holds exactly one record per request (none lost, none doubled).
 */
@Tag("postgres")
class DatabaseOutageEndToEndTest {
    static final int CLIENTS = 4;

    @Test
    void theGatewayKeepsServingThroughAnOutageAndTheRecordCountEqualsTheRequestCount() throws Exception {
        try (TestStores db = TestStores.postgres()) {
            String[] pg = TestStores.PG_HOST_PORT.split(":");
            try (TcpProxy proxy = new TcpProxy(pg[0], Integer.parseInt(pg[1]));
                    GatewayTest gw = GatewayTest.start("""
                            server:
                              listen: 127.0.0.1:0
                            store: %s
                            providers:
                              demo: { kind: mock, models: [echo-1] }
                            keys: [{ name: load, key: %s }]
                            """.formatted(db.urlVia(proxy.hostPort()), GatewayTest.KEY), Map.of(), false, false)) {
                Set<String> answered = ConcurrentHashMap.newKeySet();
                AtomicInteger failures = new AtomicInteger();
                AtomicBoolean running = new AtomicBoolean(true);
                ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
                List<Future<?>> load = java.util.stream.IntStream.range(0, CLIENTS).<Future<?>>mapToObj(i -> pool.submit(() -> {
                    while (running.get()) {
                        String id = "outage-" + UUID.randomUUID();
                        HttpResponse<String> r = gw.post("/v1/chat/completions",
                                "{\"model\":\"demo/echo-1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                                "authorization", "Bearer " + GatewayTest.KEY, "x-request-id", id);
                        if (r.statusCode() == 200) {
                            answered.add(id);
                        } else {
                            failures.incrementAndGet();
                        }
                    }
                })).toList();
                try {
                    await().atMost(Duration.ofSeconds(20)).until(() -> answered.size() >= 200);

                    proxy.cut();
                    int beforeOutage = answered.size();
                    await().atMost(Duration.ofSeconds(30)).until(() -> !stats(gw).databaseUp());
                    long spoolAtCut = stats(gw).spoolBytes();
                    await().atMost(Duration.ofSeconds(20)).until(() -> answered.size() >= beforeOutage + 500);
                    WriterStats down = stats(gw);
                    assertThat(down.databaseUp()).isFalse();
                    assertThat(down.spoolBytes()).as("the spool grows while the database is down").isGreaterThan(spoolAtCut);
                    assertThat(failures.get()).as("requests refused during the outage").isZero();

                    proxy.restore();
                    int afterOutage = answered.size();
                    await().atMost(Duration.ofSeconds(20)).until(() -> answered.size() >= afterOutage + 200);
                } finally {
                    running.set(false);
                    for (Future<?> f : load) {
                        f.get();
                    }
                    pool.shutdown();
                }
                assertThat(failures.get()).isZero();

                // every answered request, exactly once, read straight from PostgreSQL (not through the proxy)
                try (Store direct = Store.open(db.url())) {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                            .untilAsserted(() -> assertThat(direct.usage().totals(UsageFilter.ALL).requests())
                                    .isEqualTo(answered.size()));
                    for (String id : answered) {
                        assertThat(direct.usage().findByClientRequestId(id)).as("record of " + id).hasSize(1);
                    }
                    assertThat(stats(gw).spoolBytes()).as("the spool is drained").isZero();
                    assertThat(stats(gw).lost()).isZero();
                    System.out.println("outage test: " + answered.size() + " requests, " + answered.size()
                            + " records; written " + stats(gw).written() + ", replayed " + stats(gw).replayed());
                }
            }
        }
    }

    private static WriterStats stats(GatewayTest gw) {
        return gw.gateway().backends().usage().stats();
    }
}
