package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.store.Limits;
import dev.switchboard.store.Store;
import dev.switchboard.store.UsageRow;
import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.GatewayTest;
import dev.switchboard.testkit.StoredKeys;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every limit of a key, through the real gateway (embedded store, counters in memory): what the client
 * gets when it is hit — status, headers and a body in its own API's error shape — and that the refusal
 * is recorded too. The statuses are the ones README "Keys, limits and budgets" documents.
 */
class LimitsEndToEndTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String RPM = "sk-rpm-0000000000000001";
    static final String RPM_ANTHROPIC = "sk-rpm-0000000000000002";
    static final String BUDGET = "sk-budget-000000000000001";
    static final String CONCURRENCY = "sk-conc-00000000000000001";
    static final String CAPPED = "sk-capped-00000000000001";
    static final String EXPIRED = "sk-expired-0000000000001";
    static final String CHAT_ONLY = "sk-chatonly-000000000001";
    static final BigDecimal BUDGET_USD = new BigDecimal("0.05");

    static FakeUpstream fake;
    static GatewayTest gw;

    @BeforeAll
    static void up() {
        fake = FakeUpstream.start();
        gw = GatewayTest.start("""
                server:
                  listen: 127.0.0.1:0
                providers:
                  fake: { format: openai, base_url: "${FAKE_URL}", keys: ["sk-upstream-aaaaaaaaaaaa"], allow_private: true }
                models:
                  fake-model:
                    targets: [fake/upstream-model]
                pricing:
                  upstream-model: { input: 1000, output: 1000, cache_read: 1000 }
                keys:
                  - { name: rpm, key: %s, limits: { rpm: 2 } }
                  - { name: rpm-anthropic, key: %s, limits: { rpm: 1 } }
                  - { name: budget, key: %s, limits: { budget_usd: %s, budget_period: day } }
                  - { name: conc, key: %s, limits: { concurrency: 1 } }
                  - { name: capped, key: %s, limits: { max_requests: 3 } }
                  - { name: expired, key: %s, expires: "2020-01-01T00:00:00Z" }
                  - { name: chat-only, key: %s, endpoints: ["/v1/chat/completions"] }
                """.formatted(RPM, RPM_ANTHROPIC, BUDGET, BUDGET_USD.toPlainString(), CONCURRENCY, CAPPED, EXPIRED,
                CHAT_ONLY), Map.of("FAKE_URL", fake.baseUrl()));
    }

    @AfterAll
    static void down() {
        gw.close();
        fake.close();
    }

    static HttpResponse<String> chat(String key, String requestId) {
        return gw.post("/v1/chat/completions",
                "{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "authorization", "Bearer " + key, "x-request-id", requestId);
    }

    static HttpResponse<String> chat(String key) {
        return chat(key, "req-" + UUID.randomUUID());
    }

    static HttpResponse<String> anthropic(String key) {
        return gw.post("/v1/messages",
                "{\"model\":\"fake-model\",\"max_tokens\":32,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                "x-api-key", key, "anthropic-version", "2023-06-01");
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    static UsageRow record(String requestId) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> gw.usage(requestId), java.util.Optional::isPresent)
                .orElseThrow();
    }

    @Test
    void requestsPerMinuteOverTheLimitGet429WithRetryAfterAndRateLimitHeaders() throws Exception {
        assertThat(chat(RPM).statusCode()).isEqualTo(200);
        assertThat(chat(RPM).statusCode()).isEqualTo(200);
        String id = "req-rpm-" + UUID.randomUUID();
        HttpResponse<String> refused = chat(RPM, id);

        assertThat(refused.statusCode()).isEqualTo(429);
        long retryAfter = Long.parseLong(refused.headers().firstValue("retry-after").orElseThrow());
        // a sliding window: the two requests of this minute still weigh on the next one, up to two minutes out
        assertThat(retryAfter).isBetween(1L, 120L);
        assertThat(refused.headers().firstValue("x-ratelimit-limit")).contains("2");
        assertThat(refused.headers().firstValue("x-ratelimit-remaining")).contains("0");
        long reset = Long.parseLong(refused.headers().firstValue("x-ratelimit-reset").orElseThrow());
        assertThat(reset).isBetween(Instant.now().getEpochSecond(), Instant.now().getEpochSecond() + 121);
        JsonNode error = json(refused).get("error"); // OpenAI's error shape
        assertThat(error.get("type").asText()).isEqualTo("rate_limit_error");
        assertThat(error.get("code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(error.get("message").asText()).contains("key 'rpm'").contains("2 requests per minute");
        // the refusal is a record too: no tokens, no cost, the status the client got
        UsageRow row = record(id);
        assertThat(row.status()).isEqualTo(429);
        assertThat(row.errorKind()).isEqualTo("RATE_LIMITED");
        assertThat(row.inputTokens() + row.outputTokens()).isZero();
        assertThat(row.attempts()).isZero();
    }

    @Test
    void anAnthropicClientGetsTheRefusalInAnthropicsErrorShape() throws Exception {
        assertThat(anthropic(RPM_ANTHROPIC).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = anthropic(RPM_ANTHROPIC);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("retry-after")).isPresent();
        assertThat(refused.headers().firstValue("x-ratelimit-limit")).contains("1");
        assertThat(refused.headers().firstValue("x-ratelimit-remaining")).contains("0");
        assertThat(refused.headers().firstValue("x-ratelimit-reset")).isPresent();
        JsonNode body = json(refused);
        assertThat(body.get("type").asText()).isEqualTo("error");
        assertThat(body.at("/error/type").asText()).isEqualTo("rate_limit_error");
        assertThat(body.at("/error/message").asText()).contains("key 'rpm-anthropic'").contains("1 requests per minute");
    }

    @Test
    void aSpentBudgetRefusesTheKeyAndTheErrorNamesTheBudget() throws Exception {
        String first = "req-budget-" + UUID.randomUUID();
        assertThat(chat(BUDGET, first).statusCode()).isEqualTo(200);
        long costNanos = record(first).costNanos();
        assertThat(costNanos).as("the pricing override prices the fake's model").isPositive();
        // a budget admits while anything is left and is charged when the answer is in: sequential calls
        // overshoot by at most the one that found something left
        long expectedAdmitted = BUDGET_USD.movePointRight(9).divide(BigDecimal.valueOf(costNanos), 0, RoundingMode.CEILING)
                .longValueExact();
        int admitted = 1;
        HttpResponse<String> r;
        while ((r = chat(BUDGET)).statusCode() == 200) {
            admitted++;
            assertThat(admitted).as("requests admitted under a $" + BUDGET_USD + " budget").isLessThanOrEqualTo(100);
        }
        assertThat(admitted).isEqualTo(expectedAdmitted);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("x-ratelimit-limit")).as("rate headers are for rates").isEmpty();
        long untilTomorrow = Long.parseLong(r.headers().firstValue("retry-after").orElseThrow());
        assertThat(untilTomorrow).as("a daily budget comes back at midnight UTC").isBetween(1L, 86_400L);
        JsonNode error = json(r).get("error");
        assertThat(error.get("code").asText()).isEqualTo("budget_exceeded");
        assertThat(error.get("message").asText())
                .contains("daily budget of $0.05").contains("key 'budget'").contains("is spent").contains("resets at");
    }

    @Test
    void aConcurrencyLimitRefusesASecondRequestWhileTheFirstIsInFlight() throws Exception {
        // the first call holds the slot for 5 s: the second must arrive meanwhile, even on a loaded machine
        fake.enqueue(new FakeUpstream.Fault.SlowHeaders(Duration.ofSeconds(5)));
        long before = fake.requestCount();
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> chat(CONCURRENCY));
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.requestCount() > before);

        HttpResponse<String> refused = chat(CONCURRENCY);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("concurrency_limit_exceeded");
        assertThat(refused.headers().firstValue("x-ratelimit-limit")).contains("1");
        assertThat(refused.headers().firstValue("retry-after")).isPresent();

        assertThat(slow.get().statusCode()).isEqualTo(200);
        assertThat(chat(CONCURRENCY).statusCode()).as("the slot is free once the first answer is done").isEqualTo(200);
    }

    @Test
    void aRequestCapRefusesEveryRequestAfterTheLastAllowedOne() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(chat(CAPPED).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> refused = chat(CAPPED);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).at("/error/code").asText()).isEqualTo("request_cap_reached");
        assertThat(refused.headers().firstValue("retry-after")).as("a cap never resets").isEmpty();
        assertThat(refused.headers().firstValue("x-ratelimit-remaining")).contains("0");
        assertThat(chat(CAPPED).statusCode()).isEqualTo(429);
    }

    @Test
    void anExpiredKeyIsRefusedWith401() throws Exception {
        HttpResponse<String> r = chat(EXPIRED);
        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode error = json(r).get("error");
        assertThat(error.get("code").asText()).isEqualTo("key_expired");
        assertThat(error.get("message").asText()).contains("'expired'").contains("2020-01-01T00:00:00Z")
                .doesNotContain(EXPIRED);
    }

    @Test
    void aKeyLimitedToSomeEndpointsGets403Elsewhere() throws Exception {
        assertThat(chat(CHAT_ONLY).statusCode()).isEqualTo(200);
        HttpResponse<String> r = anthropic(CHAT_ONLY);
        assertThat(r.statusCode()).isEqualTo(403);
        JsonNode body = json(r);
        assertThat(body.at("/error/type").asText()).isEqualTo("permission_error");
        assertThat(body.at("/error/message").asText()).contains("/v1/messages");
    }

    @Test
    void theKeysOfAnInactiveStoredProjectGet403UntilItIsActiveAgain() throws Exception {
        Store store = gw.gateway().backends().store();
        String project = StoredKeys.project(store, "paused", false, Limits.NONE, null);
        StoredKeys.Created key = StoredKeys.key(store, "paused-key", project, Limits.NONE, null);
        gw.gateway().backends().changes().publish("key:" + key.id());

        await().atMost(Duration.ofSeconds(5)).until(() -> chat(key.secret()).statusCode() == 403);
        JsonNode error = json(chat(key.secret())).get("error");
        assertThat(error.get("code").asText()).isEqualTo("project_inactive");
        assertThat(error.get("message").asText()).contains("project 'paused'");

        StoredKeys.setActive(store, project, true);
        gw.gateway().backends().changes().publish("project:" + project);
        await().atMost(Duration.ofSeconds(5)).until(() -> chat(key.secret()).statusCode() == 200);
    }
}
