package dev.switchboard.format.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.Choice;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.StopReason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Answers: what an upstream's means canonically, and what a Gemini client receives. */
class GeminiResponseTest {
    private final GeminiCodec codec = new GeminiCodec(GeminiFixtures.CLOCK);

    @Test
    void textAnswerWithThinkingUsage() {
        ChatResponse r = codec.decodeResponse(GeminiFixtures.bytes("response-text.json"));
        assertThat(r.id()).isEqualTo("mJ3caaXmEYS0z7IPiq2hwAc");
        assertThat(r.model()).isEqualTo("gemini-2.5-flash");
        assertThat(r.created()).isEqualTo(GeminiFixtures.NOW.getEpochSecond());
        assertThat(r.choices()).containsExactly(new Choice(0, List.of(new Part.Text("Rome is the capital of Italy.")),
                StopReason.END_TURN, null));
        // candidates (8) exclude thoughts (32): canonical output is both, reasoning the thoughts
        assertThat(r.usage()).isEqualTo(new Usage(21, 40, 0, 0, 32, false));
    }

    @Test
    void aFunctionCallIsToolUseWithASynthesizedIdAndItsSignature() {
        ChatResponse r = codec.decodeResponse(GeminiFixtures.bytes("response-function-call.json"));
        Choice c = r.first();
        assertThat(c.stopReason()).isEqualTo(StopReason.TOOL_USE);
        Part.ToolCall call = (Part.ToolCall) c.parts().get(0);
        assertThat(call.id()).isEqualTo("call_qpc2afWVFJK4vr0Pq6WiyAU_0");
        assertThat(call.name()).isEqualTo("getWeather");
        assertThat(GeminiFixtures.json(call.argsJson())).isEqualTo(GeminiFixtures.json("{\"location\":\"Tokyo\"}"));
        assertThat(call.signature()).startsWith("CikBcsjafFK168Ib");
        assertThat(r.usage()).isEqualTo(new Usage(83, 118, 0, 0, 104, false));
    }

    @Test
    void thoughtsCachedTokensAndATextSignature() {
        ChatResponse r = codec.decodeResponse(GeminiFixtures.bytes("response-thinking.json"));
        assertThat(r.first().parts()).containsExactly(
                new Part.Thinking("**Estimating the total**\n\nThree boxes of twelve make thirty-six.", null),
                new Part.Text("There are 36 eggs."),
                new Part.Thinking("", "CtYBAdHtim9Kd2VpZ2hpbmc="));
        assertThat(r.usage()).isEqualTo(new Usage(12, 406, 4, 0, 400, false));
    }

    @Test
    void aBlockedPromptIsOneEmptyChoiceStoppedByTheFilter() {
        ChatResponse r = codec.decodeResponse(GeminiFixtures.bytes("response-blocked.json"));
        assertThat(r.choices()).containsExactly(new Choice(0, List.of(), StopReason.CONTENT_FILTER, null));
        assertThat(r.usage().input()).isEqualTo(9);
    }

    @ParameterizedTest
    @CsvSource({"STOP, END_TURN", "MAX_TOKENS, MAX_TOKENS", "SAFETY, CONTENT_FILTER", "RECITATION, CONTENT_FILTER",
            "BLOCKLIST, CONTENT_FILTER", "PROHIBITED_CONTENT, CONTENT_FILTER", "SPII, CONTENT_FILTER",
            "MALFORMED_FUNCTION_CALL, ERROR", "OTHER, ERROR", "FINISH_REASON_UNSPECIFIED, END_TURN",
            "SOMETHING_NEW, END_TURN"})
    void finishReasons(String reason, StopReason expected) {
        String body = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"x\"}]},\"finishReason\":\""
                + reason + "\"}],\"responseId\":\"r\"}";
        assertThat(codec.decodeResponse(body.getBytes(StandardCharsets.UTF_8)).first().stopReason()).isEqualTo(expected);
    }

    @Test
    void withoutAResponseIdTheIdsAreDerivedFromTheBodyAndStable() {
        byte[] body = ("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"f\","
                + "\"args\":{}}}]},\"finishReason\":\"STOP\"}]}").getBytes(StandardCharsets.UTF_8);
        ChatResponse a = codec.decodeResponse(body);
        ChatResponse b = codec.decodeResponse(body);
        assertThat(a.id()).startsWith("gemini-").isEqualTo(b.id());
        assertThat(((Part.ToolCall) a.first().parts().get(0)).id()).startsWith("call_")
                .isEqualTo(((Part.ToolCall) b.first().parts().get(0)).id());
    }

    @Test
    void bodiesThatAreNotAnswersAreUpstreamErrors() {
        for (String body : List.of("not json", "[]", "{\"error\":{\"code\":500,\"message\":\"boom\",\"status\":\"INTERNAL\"}}",
                "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"args\":{}}}]}}]}")) {
            assertThatThrownBy(() -> codec.decodeResponse(body.getBytes(StandardCharsets.UTF_8)))
                    .as(body)
                    .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR));
        }
    }

    @Test
    void partKindsNewerThanTheCodecAreSkippedInAnswers() {
        ChatResponse r = codec.decodeResponse(("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"toolCall\":"
                + "{\"x\":1}},{\"text\":\"ok\"}]},\"finishReason\":\"STOP\"}],\"responseId\":\"r\"}").getBytes(StandardCharsets.UTF_8));
        assertThat(r.first().parts()).containsExactly(new Part.Text("ok"));
    }

    @Test
    void anAnswerFromAnotherFormatAsAGeminiClientSeesIt() {
        ChatResponse r = new ChatResponse("msg_01", "claude-sonnet-4-5", 1_700_000_000L, List.of(
                new Choice(0, List.of(new Part.Thinking("Hmm.", "EqQBCgIYAh"), new Part.RedactedThinking("xyz"),
                        new Part.Text("Calling."), new Part.ToolCall("toolu_9", "lookup", "{\"q\":\"cats\"}", null)),
                        StopReason.TOOL_USE, null),
                new Choice(1, List.of(new Part.Text("Alt")), StopReason.MAX_TOKENS, null)),
                new Usage(100, 50, 30, 10, 20, false));
        JsonNode body = GeminiFixtures.json(codec.encodeResponse(r, null));
        assertThat(body).isEqualTo(GeminiFixtures.json("""
                {"candidates":[
                  {"content":{"role":"model","parts":[{"text":"Hmm.","thought":true,"thoughtSignature":"EqQBCgIYAh"},
                    {"text":"Calling."},{"functionCall":{"id":"toolu_9","name":"lookup","args":{"q":"cats"}}}]},
                   "finishReason":"STOP","index":0},
                  {"content":{"role":"model","parts":[{"text":"Alt"}]},"finishReason":"MAX_TOKENS","index":1}],
                 "usageMetadata":{"promptTokenCount":100,"candidatesTokenCount":30,"totalTokenCount":150,
                   "cachedContentTokenCount":30,"thoughtsTokenCount":20},
                 "modelVersion":"claude-sonnet-4-5","responseId":"msg_01"}"""));
    }

    @ParameterizedTest
    @CsvSource({"END_TURN, STOP", "STOP_SEQUENCE, STOP", "TOOL_USE, STOP", "PAUSE_TURN, STOP", "MAX_TOKENS, MAX_TOKENS",
            "CONTENT_FILTER, SAFETY", "REFUSAL, SAFETY", "ERROR, OTHER"})
    void stopReasonsAsFinishReasons(StopReason reason, String expected) {
        ChatResponse r = new ChatResponse("id", "m", 0, List.of(new Choice(0, List.of(new Part.Text("x")), reason, null)), null);
        assertThat(GeminiFixtures.json(codec.encodeResponse(r, null)).at("/candidates/0/finishReason").asText())
                .isEqualTo(expected);
    }
}
