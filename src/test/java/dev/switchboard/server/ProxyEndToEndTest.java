package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.FakeUpstream.Fault;
import dev.switchboard.testkit.GatewayTest;
import dev.switchboard.testkit.UpstreamTimeouts;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real gateway in front of the real fake upstream, over loopback HTTP. The shared gateway's
 * timeouts are {@link UpstreamTimeouts#RELAXED}, so that a loaded machine cannot turn a slow answer
 * into a retry; the tests about a timeout start their own gateway with just that one tight.
 */
class ProxyEndToEndTest {
    /** Tight enough to keep the timeout tests short, and far below their faults' delays. */
    static final UpstreamTimeouts FIRST_BYTE_1S = UpstreamTimeouts.RELAXED.withFirstByte("1s");

    static FakeUpstream fake;
    static GatewayTest gw;

    static final String CHAT = "{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String STREAM = "{\"model\":\"fake-model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @BeforeAll
    static void up() {
        fake = FakeUpstream.start();
        gw = GatewayTest.withFake(fake);
    }

    @AfterAll
    static void down() {
        gw.close();
        fake.close();
    }

    @BeforeEach
    void clean() {
        fake.reset();
    }

    @Test
    void chatIsForwardedWithTheProviderKeyAndTheUpstreamModel() {
        HttpResponse<String> r = gw.postWithKey("/v1/chat/completions", CHAT);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Hello from the fake upstream").contains("\"prompt_tokens\":11");
        assertThat(r.headers().firstValue("x-switchboard-provider")).hasValue("fake");
        assertThat(r.headers().firstValue("x-request-id")).isPresent();
        assertThat(r.headers().firstValue("x-upstream-response-time")).isPresent();
        FakeUpstream.Recorded seen = fake.requests().get(0);
        assertThat(seen.headers().get("authorization")).startsWith("Bearer sk-upstream-");
        assertThat(seen.body()).doesNotContain(GatewayTest.KEY);
        assertThat(seen.headers().values()).noneMatch(v -> v.contains(GatewayTest.KEY));
        assertThat(seen.json().path("model").asText()).isEqualTo("upstream-model");
        assertThat(seen.json().path("messages")).isEqualTo(FakeUpstreamJson.parse(CHAT).path("messages"));
    }

    @Test
    void providerKeysAreUsedRoundRobin() {
        // two requests, two upstream calls, one per key: with a 1 s first-byte timeout a cold, loaded
        // JVM's first call could time out and be retried, making three calls (the timeout, not the rotation)
        gw.postWithKey("/v1/chat/completions", CHAT);
        gw.postWithKey("/v1/chat/completions", CHAT);
        assertThat(fake.requests()).extracting(r -> r.headers().get("authorization"))
                .containsExactlyInAnyOrder("Bearer sk-upstream-aaaaaaaaaaaa", "Bearer sk-upstream-bbbbbbbbbbbb");
    }

    @Test
    void clientRequestIdIsKeptAndForwarded() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + GatewayTest.KEY,
                "x-request-id", "my-trace-123");
        assertThat(r.headers().firstValue("x-request-id")).hasValue("my-trace-123");
        assertThat(fake.requests().get(0).headers().get("x-request-id")).isEqualTo("my-trace-123");
        // the gateway's own id beside it: the one the usage record is keyed by
        String own = r.headers().firstValue("x-switchboard-request-id").orElseThrow();
        assertThat(own).matches("[0-9a-f]{32}");
        var row = await().atMost(Duration.ofSeconds(10)).until(() -> gw.usage("my-trace-123"), Optional::isPresent)
                .orElseThrow();
        assertThat(row.requestId()).isEqualTo(own);
        assertThat(row.clientRequestId()).isEqualTo("my-trace-123");
    }

    @Test
    void withoutASaneClientRequestIdTheGatewaysOwnIsEchoedAndForwarded() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + GatewayTest.KEY,
                "x-request-id", "has space");
        String own = r.headers().firstValue("x-switchboard-request-id").orElseThrow();
        assertThat(r.headers().firstValue("x-request-id")).hasValue(own);
        assertThat(fake.requests().get(0).headers().get("x-request-id")).isEqualTo(own);
        HttpResponse<String> refused = gw.post("/v1/chat/completions", CHAT, "authorization", "Bearer sk-wrong");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("x-switchboard-request-id")).hasValueSatisfying(
                id -> assertThat(id).matches("[0-9a-f]{32}").isNotEqualTo(own));
    }

    @Test
    void streamWithoutIncludeUsageStillGetsUsageUpstreamButNotToTheClient() {
        HttpResponse<String> r = gw.postWithKey("/v1/chat/completions", STREAM);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(fake.requests().get(0).json().path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(r.body()).contains("Hello").contains("data: [DONE]").doesNotContain("\"usage\":{");
        String metrics = gw.get("/metrics").body();
        assertThat(metrics).contains("switchboard_tokens_total{model=\"upstream-model\",provider=\"fake\",type=\"output\"}");
    }

    @Test
    void streamWithIncludeUsageIsPassedThroughByteForByte() {
        String body = STREAM.replace("\"stream\":true", "\"stream\":true,\"stream_options\":{\"include_usage\":true}");
        HttpResponse<String> r = gw.postWithKey("/v1/chat/completions", body);
        assertThat(r.body()).contains("\"usage\":{\"prompt_tokens\":11");
        assertThat(fake.requests().get(0).body()).isEqualTo(body.replace("fake-model", "upstream-model"));
    }

    @Test
    void untouchedStreamKeepsTheUpstreamsContentLength() {
        String body = STREAM.replace("\"stream\":true", "\"stream\":true,\"stream_options\":{\"include_usage\":true}");
        fake.enqueue(new Fault.SseWithLength(false));
        HttpResponse<String> r = gw.postWithKey("/v1/chat/completions", body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValueAsLong("content-length")).hasValue(r.body().length());
        assertThat(r.body()).contains("data: [DONE]");
    }

    @Test
    void untouchedStreamWithALengthIsCutWhenTheUpstreamFails() {
        String body = STREAM.replace("\"stream\":true", "\"stream\":true,\"stream_options\":{\"include_usage\":true}");
        fake.enqueue(new Fault.SseWithLength(true));
        // a body shorter than its Content-Length: the client must see a broken response, not a clean one
        assertThatThrownBy(() -> gw.postWithKey("/v1/chat/completions", body)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void serverErrorOnceIsRetriedInPlaceAndTheClientSeesOneSuccess() {
        fake.enqueue(new Fault.Status(503, null, null));
        HttpResponse<String> r = gw.postWithKey("/v1/chat/completions", CHAT);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Hello from the fake upstream");
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void serverErrorEveryTimeIsPassedThroughAfterTheRetries() {
        // its own gateway: three failures in a row must not weigh on the shared one's breaker
        try (GatewayTest own = GatewayTest.withFake(fake)) {
            for (int i = 0; i < 3; i++) {
                fake.enqueue(new Fault.Status(503, null, null));
            }
            HttpResponse<String> r = own.postWithKey("/v1/chat/completions", CHAT);
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("fake upstream error 503");
            assertThat(fake.requests()).hasSize(3);
        }
    }

    @Test
    void upstreamClientErrorIsReturnedUnchanged() {
        fake.enqueue(new Fault.Status(400, null, "{\"error\":{\"message\":\"bad thing\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":null}}"));
        HttpResponse<String> r = gw.postWithKey("/v1/chat/completions", CHAT);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("{\"error\":{\"message\":\"bad thing\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":null}}");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void slowHeadersPastFirstByteTimeoutIs504AfterTheRetries() {
        try (GatewayTest own = GatewayTest.withFake(fake, FIRST_BYTE_1S)) {
            for (int i = 0; i < 3; i++) {
                fake.enqueue(new Fault.SlowHeaders(Duration.ofMillis(2500)));
            }
            HttpResponse<String> r = own.postWithKey("/v1/chat/completions", CHAT);
            assertThat(r.statusCode()).isEqualTo(504);
            assertThat(r.body()).contains("\"type\":\"timeout_error\"");
            assertThat(fake.requests()).hasSize(3);
        }
    }

    @Test
    void slowHeadersOnceIsRetriedAndAnswers() {
        // the retry must answer within the timeout: warm the gateway first, so that it is not a cold
        // JVM's first answer on a loaded machine, and give it 2 s against the fault's 5 s
        try (GatewayTest own = GatewayTest.withFake(fake, UpstreamTimeouts.RELAXED.withFirstByte("2s"))) {
            assertThat(own.postWithKey("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
            fake.reset();
            fake.enqueue(new Fault.SlowHeaders(Duration.ofMillis(5000)));
            HttpResponse<String> r = own.postWithKey("/v1/chat/completions", CHAT);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(fake.requests()).hasSize(2);
        }
    }

    @Test
    void stallMidStreamEndsWithAnErrorEvent() {
        // only the idle timeout is tight: a slow first byte stays an answer, never a retry
        try (GatewayTest own = GatewayTest.withFake(fake, UpstreamTimeouts.RELAXED.withIdle("1s"))) {
            fake.enqueue(new Fault.StallAfterEvents(2));
            HttpResponse<String> r = own.postWithKey("/v1/chat/completions", STREAM);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"content\":\"\"").contains("data: {\"error\":").contains("stalled");
            assertThat(fake.requests()).hasSize(1);
        }
    }

    @Test
    void resetMidStreamEndsWithAnErrorEventAndIsNotRetried() {
        fake.enqueue(new Fault.ResetAfterEvents(2));
        HttpResponse<String> r = gw.postWithKey("/v1/chat/completions", STREAM);
        assertThat(r.body()).contains("data: {\"error\":");
        assertThat(fake.requests()).hasSize(1);
    }

    @Test
    void malformedUpstreamJsonIsRelayedAsIsWithoutBreakingTheGateway() {
        fake.enqueue(new Fault.MalformedJson());
        HttpResponse<String> r = gw.postWithKey("/v1/chat/completions", CHAT);
        // same format, same bytes: the gateway does not invent a body, and it keeps serving
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"id\": \"broken\", \"choices\": [");
        assertThat(gw.postWithKey("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
    }

    @Test
    void unreachableUpstreamIs502() {
        try (GatewayTest dead = GatewayTest.start(GatewayTest.standardConfig(), java.util.Map.of("FAKE_URL", "http://127.0.0.1:1/v1"))) {
            HttpResponse<String> r = dead.postWithKey("/v1/chat/completions", CHAT);
            assertThat(r.statusCode()).isEqualTo(502);
            assertThat(r.body()).contains("unreachable").doesNotContain("sk-upstream");
        }
    }

    @Test
    void embeddingsAndResponsesPassThrough() {
        HttpResponse<String> e = gw.postWithKey("/v1/embeddings", "{\"model\":\"fake-model\",\"input\":[\"a\",\"b\"]}");
        assertThat(e.statusCode()).isEqualTo(200);
        assertThat(e.body()).contains("\"index\":1");
        HttpResponse<String> r = gw.postWithKey("/v1/responses", "{\"model\":\"fake-model\",\"input\":\"hi\",\"stream\":true}");
        assertThat(r.body()).contains("event: response.completed");
    }
}
