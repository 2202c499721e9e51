package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.FakeHttp.Sse;
import dev.switchboard.testkit.FakeUpstream.Fault;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Queued faults and chaos apply to every dialect, and what they send is in the dialect of the request:
 * an Anthropic 529 is an {@code overloaded_error}, a Gemini 429 is {@code RESOURCE_EXHAUSTED}, and a
 * stream cut or closed early is cut in the dialect's own event format.
 */
class FakeFaultsInDialectsTest {
    static final String[] ANTHROPIC = {"x-api-key", "k", "anthropic-version", "2023-06-01"};
    static final String MESSAGES = "{\"model\":\"m\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";
    static final String GEMINI = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}";
    FakeUpstream fake;

    @BeforeEach
    void up() {
        fake = FakeUpstream.start();
    }

    @AfterEach
    void down() {
        fake.close();
    }

    HttpResponse<String> anthropic(boolean stream) {
        return FakeHttp.post(fake, "/v1/messages", MESSAGES + (stream ? ",\"stream\":true}" : "}"), ANTHROPIC);
    }

    HttpResponse<String> gemini(boolean stream) {
        return FakeHttp.post(fake, stream ? "/v1beta/models/g:streamGenerateContent?alt=sse" : "/v1beta/models/g:generateContent",
                GEMINI, "x-goog-api-key", "k");
    }

    @Test
    void statusFaultsRenderTheErrorOfTheRequestsDialect() {
        fake.enqueue(Fault.overloaded());
        HttpResponse<String> overloaded = anthropic(false);
        assertThat(overloaded.statusCode()).isEqualTo(529);
        assertThat(FakeHttp.json(overloaded).path("error").path("type").asText()).isEqualTo("overloaded_error");
        assertThat(overloaded.headers().firstValue("request-id")).isPresent();

        fake.enqueue(new Fault.Status(429, "2", null));
        HttpResponse<String> limited = gemini(false);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).contains("2");
        JsonNode error = FakeHttp.json(limited).path("error");
        assertThat(error.path("code").asInt()).isEqualTo(429);
        assertThat(error.path("status").asText()).isEqualTo("RESOURCE_EXHAUSTED");

        fake.enqueue(Fault.status(503));
        HttpResponse<String> openAi = FakeHttp.post(fake, "/v1/chat/completions", "{\"model\":\"m\",\"messages\":[]}");
        assertThat(FakeHttp.json(openAi).path("error").path("code").asText()).isEqualTo("fake_503");

        fake.enqueue(new Fault.Status(400, null, "{\"custom\":true}"));
        assertThat(anthropic(false).body()).isEqualTo("{\"custom\":true}");
    }

    @Test
    void chaosDrawsForEveryDialectAndKnowsWhichRequestsStream() {
        fake.setChaos(new ChaosProfile(7, 1.0, 0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO));
        assertThat(FakeHttp.json(anthropic(false)).path("error").path("type").asText()).isEqualTo("api_error");
        assertThat(FakeHttp.json(gemini(false)).path("error").path("status").asText()).isEqualTo("UNAVAILABLE");
        assertThat(fake.chaosInjected()).containsEntry("503", 2L);

        // mid-stream resets only for streams: a Gemini stream is one by its path, not by a body flag
        fake.setChaos(new ChaosProfile(7, 0, 0, 0, 0, 1.0, 0, Duration.ZERO, Duration.ZERO));
        assertThat(gemini(false).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> gemini(true)).isInstanceOf(IllegalStateException.class);
        assertThat(fake.chaosInjected()).containsEntry("reset_mid_stream", 1L);
    }

    @Test
    void errorEventEndsAStreamInTheDialectsFormat() {
        fake.enqueue(new Fault.ErrorEventAfterEvents(2, 529));
        List<Sse> events = FakeHttp.events(anthropic(true).body());
        assertThat(events).extracting(Sse::event).containsExactly("message_start", "content_block_start", "error");
        assertThat(events.getLast().json().path("error").path("type").asText()).isEqualTo("overloaded_error");
        String id = events.getFirst().json().path("message").path("id").asText();
        assertThat(fake.answerState(id)).isEqualTo(FakeUpstream.AnswerState.BROKEN);

        fake.enqueue(new Fault.ErrorEventAfterEvents(1, 500));
        List<Sse> chunks = FakeHttp.events(gemini(true).body());
        assertThat(chunks).hasSize(2);
        assertThat(chunks.getLast().json().path("error").path("status").asText()).isEqualTo("INTERNAL");
    }

    @Test
    void longStreamRunsInTheDialectAndClosesProperly() {
        fake.enqueue(new Fault.LongStream(50_000));
        List<Sse> events = FakeHttp.events(anthropic(true).body());
        assertThat(events.getFirst().event()).isEqualTo("message_start");
        assertThat(events.getLast().event()).isEqualTo("message_stop");
        events.forEach(Sse::json);
        // counted when each write completes, which the fake's event loop may still be reporting
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(fake.streamedBytes()).isGreaterThanOrEqualTo(50_000));

        fake.enqueue(new Fault.LongStream(20_000));
        List<Sse> chunks = FakeHttp.events(gemini(true).body());
        assertThat(chunks.getLast().json().path("candidates").get(0).path("finishReason").asText()).isEqualTo("STOP");
        assertThat(chunks).hasSizeGreaterThan(10);
    }

    @Test
    void otherFaultsKeepTheirMeaning() {
        fake.enqueue(new Fault.SseWithLength(false));
        HttpResponse<String> withLength = gemini(true);
        assertThat(withLength.headers().firstValueAsLong("content-length").orElseThrow()).isEqualTo(withLength.body().length());
        assertThat(FakeHttp.events(withLength.body()).getLast().json().has("usageMetadata")).isTrue();

        fake.enqueue(new Fault.MalformedJson());
        assertThat(anthropic(false).body()).doesNotEndWith("}");

        fake.enqueue(new Fault.SlowHeaders(Duration.ofMillis(300)));
        long start = System.nanoTime();
        assertThat(gemini(false).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        fake.enqueue(new Fault.ResetBeforeHeaders());
        assertThatThrownBy(() -> anthropic(false)).isInstanceOf(IllegalStateException.class);
        assertThat(fake.requests()).extracting(FakeUpstream.Recorded::dialect)
                .containsExactly(FakeUpstream.Dialect.GEMINI, FakeUpstream.Dialect.ANTHROPIC, FakeUpstream.Dialect.GEMINI,
                        FakeUpstream.Dialect.ANTHROPIC);
    }

    @Test
    void sharedContentIsConsistent() {
        assertThat(FakeContent.toolArgs().toString()).isEqualTo(FakeContent.TOOL_ARGS);
        assertThat(String.join("", FakeContent.TOOL_ARG_FRAGMENTS)).isEqualTo(FakeContent.TOOL_ARGS);
        assertThat(String.join("", FakeContent.words(FakeAnswers.TEXT))).isEqualTo(FakeAnswers.TEXT);
        assertThat(FakeContent.cut(List.of("zzz"), 1024)).isEqualTo(new FakeContent.Cut(FakeAnswers.TEXT, FakeContent.Stop.END, null));
        assertThat(FakeContent.cut(List.of("upstream", "the"), 0))
                .isEqualTo(new FakeContent.Cut("Hello from ", FakeContent.Stop.STOP_SEQUENCE, "the"));
        String sig = FakeContent.sign("thinking", FakeContent.THINKING);
        assertThat(FakeContent.verify("thinking", FakeContent.THINKING, sig)).isTrue();
        assertThat(FakeContent.verify("thinking", FakeContent.THINKING + " ", sig)).isFalse();
        assertThat(FakeContent.verify("redacted", FakeContent.THINKING, sig)).isFalse();
    }
}
