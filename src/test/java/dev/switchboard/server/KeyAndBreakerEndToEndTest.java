package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.FakeUpstream.Fault;
import dev.switchboard.testkit.GatewayTest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key cooldowns, disabled keys and circuit breakers, through the running gateway. */
class KeyAndBreakerEndToEndTest {
    static final String KEY_A = "sk-upstream-aaaaaaaaaaaa";
    static final String KEY_B = "sk-upstream-bbbbbbbbbbbb";
    static final String ADMIN_KEY = "admin-0123456789abcdef0123";
    static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    FakeUpstream fake;
    GatewayTest gw;

    @BeforeEach
    void up() {
        fake = FakeUpstream.start();
        gw = GatewayTest.start("""
                server:
                  admin_key: "%s"
                providers:
                  fake:
                    base_url: ${FAKE_URL}
                    keys: ["%s", "%s"]
                    allow_private: true
                    timeouts: { connect: 5s, first_byte: 30s, idle: 30s, total: 60s }  # no test here is about a timeout
                  demo: { kind: mock }
                models:
                  fake-model: [fake/upstream-model]
                  ha: [fake/upstream-model, demo/echo-1]
                keys:
                  - name: test
                    key: %s
                """.formatted(ADMIN_KEY, KEY_A, KEY_B, GatewayTest.KEY), Map.of("FAKE_URL", fake.baseUrl()));
    }

    @AfterEach
    void down() {
        gw.close();
        fake.close();
    }

    private HttpResponse<String> chat(String model) {
        return gw.postWithKey("/v1/chat/completions", CHAT.formatted(model));
    }

    private String keyOf(int request) {
        return fake.requests().get(request).headers().get("authorization").substring("Bearer ".length());
    }

    @Test
    void rateLimitedKeyCoolsDownAndTheOtherKeyAnswers() {
        fake.enqueue(new Fault.Status(429, "30", null));
        HttpResponse<String> first = chat("fake-model");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(fake.requests()).hasSize(2);
        String limited = keyOf(0);
        String other = keyOf(1);
        assertThat(other).isNotEqualTo(limited);
        // while the limited key cools down (Retry-After: 30 s), every call uses the other one
        for (int i = 0; i < 4; i++) {
            assertThat(chat("fake-model").statusCode()).isEqualTo(200);
        }
        assertThat(fake.requests().subList(2, 6)).allSatisfy(r ->
                assertThat(r.headers().get("authorization")).isEqualTo("Bearer " + other));
    }

    @Test
    void bothKeysRateLimitedReturnsTheProvidersOwn429() {
        fake.enqueue(new Fault.Status(429, "30", null));
        fake.enqueue(new Fault.Status(429, "30", null));
        HttpResponse<String> r = chat("fake-model");
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("retry-after")).hasValue("30");
        assertThat(fake.requests()).hasSize(2);
        // now no key is usable: refused without calling the provider
        HttpResponse<String> next = chat("fake-model");
        assertThat(next.statusCode()).isEqualTo(429);
        assertThat(next.body()).contains("no_usable_key");
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void spentQuotaRestsTheKeyAndTheOtherKeyAnswers() {
        fake.enqueue(new Fault.Status(429, null,
                "{\"error\":{\"message\":\"You exceeded your current quota\",\"type\":\"insufficient_quota\",\"param\":null,\"code\":\"insufficient_quota\"}}"));
        assertThat(chat("fake-model").statusCode()).isEqualTo(200);
        String spent = keyOf(0);
        HttpResponse<String> status = gw.get("/admin/v1/status", "authorization", "Bearer " + ADMIN_KEY);
        assertThat(status.body()).contains("\"state\":\"exhausted\"").contains("quota exhausted");
        for (int i = 0; i < 3; i++) {
            chat("fake-model");
        }
        assertThat(fake.requests().subList(1, 5)).noneSatisfy(r ->
                assertThat(r.headers().get("authorization")).isEqualTo("Bearer " + spent));
    }

    @Test
    void rejectedKeyIsDisabledForGood() {
        fake.enqueue(new Fault.Status(401, null, null));
        assertThat(chat("fake-model").statusCode()).isEqualTo(200);
        String rejected = keyOf(0);
        for (int i = 0; i < 4; i++) {
            chat("fake-model");
        }
        assertThat(fake.requests().subList(1, 6)).noneSatisfy(r ->
                assertThat(r.headers().get("authorization")).isEqualTo("Bearer " + rejected));
    }

    @Test
    void failingProviderOpensItsBreakerAndTrafficGoesStraightToTheFallback() {
        for (int i = 0; i < 5; i++) {
            fake.enqueue(new Fault.Status(503, null, null));
        }
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = chat("ha");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("x-switchboard-provider")).hasValue("demo");
        }
        assertThat(fake.requests()).hasSize(5);
        // five consecutive failures opened the breaker: the failing provider is no longer tried
        HttpResponse<String> r = chat("ha");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Echo: hi");
        assertThat(fake.requests()).hasSize(5);
        assertThat(chat("fake-model").statusCode()).isEqualTo(503);

        HttpResponse<String> status = gw.get("/admin/v1/status", "authorization", "Bearer " + ADMIN_KEY);
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.body()).contains("\"deployment\":\"fake/upstream-model\",\"state\":\"open\"")
                .doesNotContain(KEY_A).doesNotContain(KEY_B);
        assertThat(gw.get("/admin/v1/status").statusCode()).isEqualTo(401);
        assertThat(gw.get("/admin/v1/status", "authorization", "Bearer " + GatewayTest.KEY).statusCode()).isEqualTo(401);
        assertThat(gw.get("/metrics").body())
                .contains("switchboard_circuit_transitions_total{deployment=\"fake/upstream-model\",to=\"open\"} 1.0");
    }

    @Test
    void clientErrorsDoNotCountAgainstTheBreaker() {
        for (int i = 0; i < 8; i++) {
            fake.enqueue(new Fault.Status(400, null, null));
            assertThat(chat("ha").statusCode()).isEqualTo(400);
        }
        assertThat(chat("ha").headers().firstValue("x-switchboard-provider")).hasValue("fake");
        assertThat(fake.requests()).hasSize(9);
    }

    @Test
    void providersOwnKeyStrategyAndBreakerThresholdApply() {
        gw.close();
        gw = GatewayTest.start("""
                providers:
                  fake:
                    base_url: ${FAKE_URL}
                    keys: ["%s", "%s"]
                    allow_private: true
                    resilience:
                      keys: { strategy: fill-first }
                      breaker: { consecutive_failures: 2 }
                  demo: { kind: mock }
                models:
                  ha: [fake/upstream-model, demo/echo-1]
                keys:
                  - name: test
                    key: %s
                """.formatted(KEY_A, KEY_B, GatewayTest.KEY), Map.of("FAKE_URL", fake.baseUrl()));
        for (int i = 0; i < 3; i++) {
            assertThat(chat("ha").headers().firstValue("x-switchboard-provider")).hasValue("fake");
        }
        // fill-first: the first key takes every call while it is usable
        assertThat(fake.requests()).hasSize(3).allSatisfy(r ->
                assertThat(r.headers().get("authorization")).isEqualTo("Bearer " + KEY_A));
        fake.enqueue(new Fault.Status(503, null, null));
        fake.enqueue(new Fault.Status(503, null, null));
        for (int i = 0; i < 2; i++) {
            assertThat(chat("ha").headers().firstValue("x-switchboard-provider")).hasValue("demo");
        }
        assertThat(fake.requests()).hasSize(5);
        // two failures in a row (not the default five) opened the breaker: fake is no longer called
        HttpResponse<String> r = chat("ha");
        assertThat(r.headers().firstValue("x-switchboard-provider")).hasValue("demo");
        assertThat(fake.requests()).hasSize(5);
    }
}
