package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.store.UsageRow;
import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.GatewayTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The usage record of every request path that does not end with the provider's final numbers: streams
 * the client leaves or the upstream cuts (passthrough and translated), and failover, where only the
 * answering attempt is billed. Read back from the store the gateway wrote them to.
 */
class UsageRecordsEndToEndTest {
    static final String CHAT = "{\"model\":\"%s\",\"stream\":%s,\"messages\":[{\"role\":\"user\",\"content\":"
            + "\"Tell me about the weather in Paris today, please.\"}]}";
    static final String MESSAGES = "{\"model\":\"%s\",\"max_tokens\":64,\"stream\":true,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Tell me about the weather in Paris today, please.\"}]}";

    static FakeUpstream fake;
    static GatewayTest gw;

    @BeforeAll
    static void up() {
        fake = FakeUpstream.start();
        gw = GatewayTest.start("""
                server:
                  listen: 127.0.0.1:0
                defaults:
                  timeouts: { connect: 2s, first_byte: 10s, idle: 10s, total: 60s }
                providers:
                  fake: { format: openai, base_url: "${FAKE_URL}", keys: ["sk-upstream-aaaaaaaaaaaa"], allow_private: true }
                  backup: { format: openai, base_url: "${FAKE_URL}", keys: ["sk-upstream-bbbbbbbbbbbb"], allow_private: true }
                  claude: { format: anthropic, base_url: "${ANTHROPIC_URL}", keys: ["sk-ant-upstream-cccccccccccc"],
                            allow_private: true }
                models:
                  fake-model: { targets: [fake/upstream-model] }
                  claude-model: { targets: [claude/claude-sonnet-4-5] }
                  failover: { targets: [fake/model-a, backup/model-b], strategy: failover }
                pricing:
                  model-a: { input: 1000, output: 1000, cache_read: 1000, cache_write: 1000, reasoning: 1000 }
                  model-b: { input: 1, output: 2, cache_read: 0.5, cache_write: 1.25, reasoning: 2 }
                keys: [{ name: test, key: %s }]
                """.formatted(GatewayTest.KEY), Map.of("FAKE_URL", fake.baseUrl(), "ANTHROPIC_URL", fake.anthropicBaseUrl()));
    }

    @AfterAll
    static void down() {
        gw.close();
        fake.close();
    }

    static String newId() {
        return "req-" + UUID.randomUUID();
    }

    static UsageRow record(String requestId) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> gw.usage(requestId), Optional::isPresent).orElseThrow();
    }

    static HttpResponse<String> post(String path, String body, String requestId) {
        return gw.post(path, body, "authorization", "Bearer " + GatewayTest.KEY, "x-request-id", requestId,
                "anthropic-version", "2023-06-01");
    }

    @Test
    void aCompleteStreamIsBilledWithTheProvidersOwnNumbers() {
        String id = newId();
        assertThat(post("/v1/chat/completions", CHAT.formatted("fake-model", true), id).body()).contains("[DONE]");
        UsageRow row = record(id);
        assertThat(row.status()).isEqualTo(200);
        assertThat(row.inputTokens()).isEqualTo(FakeUpstream.PROMPT_TOKENS);
        assertThat(row.outputTokens()).isEqualTo(FakeUpstream.COMPLETION_TOKENS);
        assertThat(row.cacheReadTokens()).isEqualTo(FakeUpstream.CACHED_TOKENS);
        assertThat(row.estimated()).isFalse();
        assertThat(row.attempts()).isEqualTo(1);
    }

    @Test
    void aStreamTheClientLeavesCarriesAnEstimateOfWhatWasSent() throws Exception {
        fake.enqueue(new FakeUpstream.Fault.StallAfterEvents(4));
        String id = newId();
        readSomeThenClose("/v1/chat/completions", CHAT.formatted("fake-model", true), id, 3);

        UsageRow row = record(id);
        assertThat(row.status()).isEqualTo(499);
        assertThat(row.estimated()).as("the provider reported nothing before the client left").isTrue();
        assertThat(row.inputTokens()).as("the prompt, counted locally").isBetween(10L, 40L);
        assertThat(row.outputTokens()).as("the content the client got, counted locally").isPositive();
        assertThat(row.costNanos()).isNull(); // upstream-model has no price: counted, never guessed at in dollars
    }

    @Test
    void aPassthroughStreamCutUpstreamCarriesAnEstimate() {
        fake.enqueue(new FakeUpstream.Fault.ResetAfterEvents(3));
        String id = newId();
        String body = post("/v1/chat/completions", CHAT.formatted("fake-model", true), id).body();
        assertThat(body).contains("\"error\"").doesNotContain("[DONE]");

        UsageRow row = record(id);
        assertThat(row.errorKind()).as("the row says the answer broke off").isNotNull();
        assertThat(row.estimated()).isTrue();
        assertThat(row.inputTokens()).isBetween(10L, 40L);
        assertThat(row.outputTokens()).isPositive();
    }

    @Test
    void anAnthropicStreamCutUpstreamKeepsTheInputTheProviderReportedAndEstimatesTheOutput() {
        fake.enqueue(new FakeUpstream.Fault.ResetAfterEvents(6));
        String id = newId();
        String body = post("/v1/messages", MESSAGES.formatted("claude-model"), id).body();
        assertThat(body).contains("event: error").doesNotContain("message_stop");

        UsageRow row = record(id);
        assertThat(row.inputTokens()).as("message_start's input_tokens, exact").isEqualTo(FakeUpstream.PROMPT_TOKENS);
        assertThat(row.cacheReadTokens()).isEqualTo(FakeUpstream.CACHED_TOKENS);
        assertThat(row.cacheWriteTokens()).isEqualTo(FakeUpstream.CACHE_WRITE_TOKENS);
        assertThat(row.outputTokens()).as("more than message_start's placeholder of 1").isGreaterThan(1);
        assertThat(row.estimated()).isTrue();
    }

    @Test
    void aTranslatedStreamCutUpstreamKeepsTheReportedInputAndEstimatesTheOutput() {
        fake.enqueue(new FakeUpstream.Fault.ResetAfterEvents(6));
        String id = newId();
        String body = post("/v1/chat/completions", CHAT.formatted("claude-model", true), id).body();
        assertThat(body).contains("\"error\"").doesNotContain("[DONE]");

        UsageRow row = record(id);
        assertThat(row.provider()).isEqualTo("claude");
        assertThat(row.inputTokens()).isEqualTo(FakeUpstream.PROMPT_TOKENS);
        assertThat(row.outputTokens()).isGreaterThan(1);
        assertThat(row.estimated()).isTrue();
    }

    @Test
    void aTranslatedStreamTheClientLeavesIsEstimatedToo() throws Exception {
        fake.enqueue(new FakeUpstream.Fault.StallAfterEvents(6));
        String id = newId();
        readSomeThenClose("/v1/chat/completions", CHAT.formatted("claude-model", true), id, 2);

        UsageRow row = record(id);
        assertThat(row.status()).isEqualTo(499);
        assertThat(row.inputTokens()).isEqualTo(FakeUpstream.PROMPT_TOKENS);
        assertThat(row.estimated()).isTrue();
    }

    @Test
    void failoverCountsEveryAttemptAndBillsOnlyTheAnsweringOne() {
        fake.enqueue(new FakeUpstream.Fault.Status(500, null, null));
        String id = newId();
        HttpResponse<String> r = post("/v1/chat/completions", CHAT.formatted("failover", false), id);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-switchboard-provider")).contains("backup");

        UsageRow row = record(id);
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(row.provider()).isEqualTo("backup");
        assertThat(row.model()).isEqualTo("model-b");
        assertThat(row.requestedModel()).isEqualTo("failover");
        assertThat(row.inputTokens()).isEqualTo(FakeUpstream.PROMPT_TOKENS);
        assertThat(row.outputTokens()).isEqualTo(FakeUpstream.COMPLETION_TOKENS);
        assertThat(row.estimated()).isFalse();
        // model-b's prices only: 8 uncached × $1 + 3 cached × $0.5 + 5 visible × $2 + 2 reasoning × $2, per million
        assertThat(row.costNanos()).isEqualTo(23_500L);
    }

    /** Sends a streamed request over a raw socket, reads until {@code events} data lines came, and hangs up. */
    private static void readSomeThenClose(String path, String body, String requestId, int events) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", gw.port()));
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + GatewayTest.KEY
                    + "\r\nX-Request-ID: " + requestId + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = s.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                if (seen.toString().split("\ndata: ", -1).length - 1 >= events) {
                    break;
                }
            }
            assertThat(seen.toString()).startsWith("HTTP/1.1 200");
        }
    }
}
