package dev.switchboard.format.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.Choice;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.StopReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whole answers: usage arithmetic, stop reasons, and what a response cannot hold. */
class AnthropicResponsesTest {
    private final AnthropicCodec codec = new AnthropicCodec(Fixtures.CLOCK);
    private final ChatRequest request = codec.decodeRequest(Fixtures.bytes("request_basic.json"), null, false);

    @Test
    void canonicalInputCountsCachedTokensToo() {
        ChatResponse r = codec.decodeResponse(Fixtures.bytes("response_thinking.json"));
        assertThat(r.usage()).isEqualTo(new Usage(12 + 1500 + 42203, 3110, 42203, 1500, 2940, false));
        assertThat(r.created()).isEqualTo(Fixtures.CLOCK.instant().getEpochSecond());
        Choice c = r.first();
        assertThat(c.stopReason()).isEqualTo(StopReason.STOP_SEQUENCE);
        assertThat(c.stopSequence()).isEqualTo("###");
        assertThat(c.parts()).hasExactlyElementsOfTypes(Part.Thinking.class, Part.RedactedThinking.class, Part.Text.class);
    }

    @Test
    void encodingSubtractsTheCachedTokensAgain() {
        ChatResponse r = new ChatResponse("chatcmpl-1", "gpt-4.1", 0,
                List.of(new Choice(0, List.of(new Part.Text("hi")), StopReason.END_TURN, null)),
                new Usage(100, 20, 60, 0, 5, false));
        JsonNode usage = Fixtures.json(codec.encodeResponse(r, request)).get("usage");
        assertThat(usage.get("input_tokens").longValue()).isEqualTo(40);
        assertThat(usage.get("cache_read_input_tokens").longValue()).isEqualTo(60);
        assertThat(usage.get("output_tokens").longValue()).isEqualTo(20);
        assertThat(usage.at("/output_tokens_details/thinking_tokens").longValue()).isEqualTo(5);
    }

    @ParameterizedTest
    @CsvSource({"end_turn,END_TURN", "max_tokens,MAX_TOKENS", "stop_sequence,STOP_SEQUENCE", "tool_use,TOOL_USE",
        "pause_turn,PAUSE_TURN", "refusal,REFUSAL", "model_context_window_exceeded,MAX_TOKENS", "something_new,END_TURN"})
    void stopReasonsDecode(String word, StopReason reason) {
        assertThat(AnthropicStopReasons.decode(word)).isEqualTo(reason);
    }

    @ParameterizedTest
    @CsvSource({"END_TURN,end_turn", "MAX_TOKENS,max_tokens", "STOP_SEQUENCE,stop_sequence", "TOOL_USE,tool_use",
        "PAUSE_TURN,pause_turn", "REFUSAL,refusal", "CONTENT_FILTER,refusal", "ERROR,end_turn"})
    void stopReasonsEncode(StopReason reason, String word) {
        assertThat(AnthropicStopReasons.encode(reason)).isEqualTo(word);
    }

    @Test
    void partsAnAnswerCannotHoldAreLeftOutAndUnsignedThinkingGetsAnEmptySignature() {
        ChatResponse r = new ChatResponse("resp_1", "", 0, List.of(new Choice(0, List.of(
                new Part.Thinking("reasoning summary", null),
                new Part.Audio("UklGRg==", "wav"),
                new Part.Text("done")), StopReason.CONTENT_FILTER, null)), Usage.NONE);
        JsonNode body = Fixtures.json(codec.encodeResponse(r, request));
        assertThat(body.get("model").asText()).as("falls back to the client's model").isEqualTo("claude-sonnet-4-5");
        assertThat(body.get("content")).hasSize(2);
        assertThat(body.at("/content/0/signature").asText()).isEmpty();
        assertThat(body.get("stop_reason").asText()).isEqualTo("refusal");
    }

    @Test
    void aBodyThatIsNoMessageIsAnUpstreamError() {
        assertThatThrownBy(() -> codec.decodeResponse("<html>502</html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR));
        assertThatThrownBy(() -> codec.decodeResponse("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR));
        assertThatThrownBy(() -> codec.decodeResponse(Fixtures.bytes("error_529_overloaded_error.json")))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED));
    }

    @Test
    void foreignErrorBodiesStillYieldAKindAndAMessage() {
        GatewayError html = codec.decodeError(503, "<html><body>Service Unavailable</body></html>".getBytes(StandardCharsets.UTF_8));
        assertThat(html.kind()).isEqualTo(ErrorKind.OVERLOADED);
        assertThat(html.getMessage()).contains("Service Unavailable");
        GatewayError openAiShaped = codec.decodeError(429,
                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}".getBytes(StandardCharsets.UTF_8));
        assertThat(openAiShaped.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(openAiShaped.getMessage()).isEqualTo("Rate limit reached");
        GatewayError billing = codec.decodeError(402,
                "{\"type\":\"error\",\"error\":{\"type\":\"billing_error\",\"message\":\"credit balance too low\"}}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(billing.kind()).isEqualTo(ErrorKind.PERMISSION);
        assertThat(codec.decodeError(500, new byte[0]).getMessage()).isEqualTo("Upstream answered with status 500");
    }
}
