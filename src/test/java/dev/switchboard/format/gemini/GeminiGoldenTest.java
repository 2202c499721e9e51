package dev.switchboard.format.gemini;

import static dev.switchboard.format.gemini.GeminiFixtures.assertSameJson;
import static dev.switchboard.format.gemini.GeminiFixtures.assertSameSse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.format.Dropped;
import dev.switchboard.format.StreamEncoder;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.StreamText;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the golden fixtures decoder → canonical → encoder. A fixture without an
 * {@code .expected} twin must come back unchanged; one with a twin comes back as the twin says
 * (camelCase, synthesized call ids, JSON Schema instead of Gemini's OpenAPI schema …).
 */
class GeminiGoldenTest {
    private final GeminiCodec codec = new GeminiCodec(GeminiFixtures.CLOCK);

    @ParameterizedTest
    @ValueSource(strings = {"request-text", "request-snake-case", "request-media", "request-tools",
            "request-parallel-calls", "request-thinking", "request-thinking-level", "request-json-schema",
            "request-response-schema", "request-extras"})
    void requestsRoundTrip(String name) {
        ChatRequest canonical = codec.decodeRequest(GeminiFixtures.bytes(name + ".json"), "models/gemini-2.5-flash", false);
        Dropped dropped = new Dropped();
        byte[] encoded = codec.encodeRequest(canonical, dropped);
        assertSameJson(encoded, GeminiFixtures.bytes(expected(name, ".json")));
        assertThat(dropped.fields()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"response-text", "response-function-call", "response-thinking", "response-blocked",
            "response-max-tokens"})
    void responsesRoundTrip(String name) {
        ChatResponse canonical = codec.decodeResponse(GeminiFixtures.bytes(name + ".json"));
        byte[] encoded = codec.encodeResponse(canonical, null);
        assertSameJson(encoded, GeminiFixtures.bytes(expected(name, ".json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-text", "stream-function-call", "stream-thinking", "stream-error",
            "stream-truncated", "stream-blocked"})
    void streamsRoundTrip(String name) {
        List<StreamEvent> events = GeminiFixtures.decode(codec.newStreamDecoder(), GeminiFixtures.text(name + ".sse"));
        StreamEncoder encoder = codec.newStreamEncoder(null);
        StreamText out = new StreamText();
        events.forEach(e -> encoder.encode(e, out));
        assertSameSse(out.toString(), GeminiFixtures.text(expected(name, ".sse")));
    }

    @ParameterizedTest
    @CsvSource({
        "error-api-key-invalid, 400, AUTHENTICATION, INVALID_ARGUMENT, API key not valid. Please pass a valid API key.",
        "error-rate-limited, 429, RATE_LIMITED, RESOURCE_EXHAUSTED, 'You exceeded your current quota, please check your plan and billing details.'",
        "error-overloaded, 503, OVERLOADED, UNAVAILABLE, The model is overloaded. Please try again later.",
        "error-not-found, 404, NOT_FOUND, NOT_FOUND, ",
        "error-invalid-field, 400, INVALID_REQUEST, INVALID_ARGUMENT, ",
        "error-permission, 403, PERMISSION, PERMISSION_DENIED, ",
        "error-deadline, 504, TIMEOUT, DEADLINE_EXCEEDED, Deadline expired before operation could complete.",
        "error-internal, 500, UPSTREAM_ERROR, INTERNAL, "
    })
    void upstreamErrors(String name, int status, ErrorKind kind, String code, String message) {
        byte[] body = GeminiFixtures.bytes(name + ".json");
        GatewayError e = codec.decodeError(status, body);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.code()).isEqualTo(code);
        if (message != null) {
            assertThat(e.getMessage()).isEqualTo(message);
        } else {
            assertThat(e.getMessage()).isEqualTo(GeminiFixtures.json(body).findValue("message").asText());
        }
    }

    private static String expected(String name, String ext) {
        String twin = name + ".expected" + ext;
        return GeminiFixtures.exists(twin) ? twin : name + ext;
    }
}
