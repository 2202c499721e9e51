package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.store.Dialect;
import dev.switchboard.store.UsageFilter;
import dev.switchboard.store.UsageRepository;
import dev.switchboard.store.UsageRow;
import dev.switchboard.store.UsageTotals;
import dev.switchboard.tenancy.ConfigTenantSource;
import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.GatewayTest;
import dev.switchboard.testkit.TestStores;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A client that sends the same {@code X-Request-ID} twice (a retry, a fixed header, or a key holder dodging
 * a budget) makes two requests, and both are recorded and billed: the gateway keys records by an id of its
 * own. When the client's id was the key, the second record was dropped as a duplicate and its spend vanished
 * from the store that budgets are rebuilt from. Run against SQLite and the real PostgreSQL.
 */
class RepeatedRequestIdEndToEndTest {
    static final String CHAT = "{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void twoRequestsWithOneXRequestIdAreTwoRecordsAndCostTwice(Dialect dialect) {
        try (TestStores db = TestStores.create(dialect);
                FakeUpstream fake = FakeUpstream.start();
                GatewayTest gw = GatewayTest.start("""
                        server:
                          listen: 127.0.0.1:0
                        store: %s
                        providers:
                          fake: { format: openai, base_url: "${FAKE_URL}", keys: ["sk-upstream-aaaaaaaaaaaa"], allow_private: true }
                        models:
                          fake-model: { targets: [fake/upstream-model] }
                        pricing:
                          upstream-model: { input: 1000, output: 1000, cache_read: 1000, reasoning: 1000 }
                        keys: [{ name: repeat, key: %s }]
                        """.formatted(db.url(), GatewayTest.KEY), Map.of("FAKE_URL", fake.baseUrl()))) {
            String trace = "retry-" + UUID.randomUUID();
            HttpResponse<String> first = chat(gw, trace);
            HttpResponse<String> second = chat(gw, trace);

            String firstId = first.headers().firstValue("x-switchboard-request-id").orElseThrow();
            String secondId = second.headers().firstValue("x-switchboard-request-id").orElseThrow();
            assertThat(List.of(firstId, secondId)).allMatch(id -> id.matches("[0-9a-f]{32}"));
            assertThat(secondId).isNotEqualTo(firstId);
            // the client's id still goes back to it and on to the provider, for tracing
            assertThat(List.of(first, second)).allSatisfy(r -> {
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("x-request-id")).hasValue(trace);
            });
            assertThat(fake.requests()).extracting(r -> r.headers().get("x-request-id")).containsExactly(trace, trace);

            List<UsageRow> rows = await().atMost(Duration.ofSeconds(10))
                    .until(() -> gw.usages(trace), found -> found.size() >= 2);
            assertThat(rows).extracting(UsageRow::requestId).containsExactlyInAnyOrder(firstId, secondId);
            assertThat(rows).extracting(UsageRow::clientRequestId).containsExactly(trace, trace);
            long each = rows.get(0).costNanos();
            assertThat(each).isPositive();
            assertThat(rows.get(1).costNanos()).isEqualTo(each);

            UsageRepository usage = gw.gateway().backends().store().usage();
            UsageTotals traced = usage.totals(UsageFilter.ALL.clientRequestId(trace));
            assertThat(traced.requests()).isEqualTo(2);
            assertThat(traced.costNanos()).isEqualTo(2 * each);
            // what a budget rebuilt from the store sees: the key's whole spend
            UsageTotals key = usage.totals(UsageFilter.ALL.key(ConfigTenantSource.keyId("repeat")));
            assertThat(key.requests()).isEqualTo(2);
            assertThat(key.costNanos()).isEqualTo(2 * each);
        }
    }

    static HttpResponse<String> chat(GatewayTest gw, String requestId) {
        return gw.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + GatewayTest.KEY,
                "x-request-id", requestId);
    }
}
