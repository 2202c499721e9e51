package dev.switchboard.format.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Reasoning;
import dev.switchboard.model.chat.ResponseFormat;
import dev.switchboard.model.chat.Role;
import dev.switchboard.model.chat.Sampling;
import dev.switchboard.model.chat.ToolChoice;
import dev.switchboard.model.chat.ToolDef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests that came from other formats, as a Gemini upstream receives them. */
class GeminiRequestEncodeTest {
    private final GeminiCodec codec = new GeminiCodec(GeminiFixtures.CLOCK);
    private final Dropped dropped = new Dropped();

    private static ChatRequest request(List<Message> messages) {
        return new ChatRequest("gemini-2.5-flash", List.of(), messages, List.of(), null, null, Sampling.NONE, null,
                List.of(), null, null, false, false, null, ClientFormat.OPENAI_CHAT, Map.of());
    }

    private JsonNode encode(ChatRequest r) {
        return GeminiFixtures.json(codec.encodeRequest(r, dropped));
    }

    @Test
    void anOpenAiToolConversationFoldsResultsIntoTheUserTurnAndFindsNames() {
        ChatRequest r = new ChatRequest("gemini-2.5-flash", List.of(new Part.Text("Be helpful.")), List.of(
                new Message(Role.USER, List.of(new Part.Text("Weather?"),
                        new Part.Image("https://example.com/cat.JPG?size=large", null, null),
                        new Part.Image("data:image/webp;base64,UklGRg==", null, null))),
                new Message(Role.ASSISTANT, List.of(new Part.Text("Checking."),
                        new Part.ToolCall("call_abc", "get_weather", "{\"city\":\"Paris\"}", null),
                        new Part.ToolCall("call_def", "get_time", "{}", null))),
                new Message(Role.TOOL, List.of(new Part.ToolResult("call_abc", null, List.of(new Part.Text("{\"temp\":21}")), false),
                        new Part.ToolResult("call_def", null, List.of(new Part.Text("clock broke")), true))),
                Message.text(Role.USER, "Thanks")),
                List.of(new ToolDef("get_weather", "Weather", "{\"type\":\"object\"}", true), new ToolDef("get_time", null, null, null)),
                new ToolChoice.Required(), false, new Sampling(3.5, 1.5, null, 1L << 40, null, null, null), 100,
                List.of("x"), null, null, false, true, "user-7", ClientFormat.OPENAI_CHAT, Map.of("logprobs", "true"));
        JsonNode body = encode(r);
        assertThat(body).isEqualTo(GeminiFixtures.json("""
                {"contents":[
                  {"role":"user","parts":[{"text":"Weather?"},
                    {"fileData":{"mimeType":"image/jpeg","fileUri":"https://example.com/cat.JPG?size=large"}},
                    {"inlineData":{"mimeType":"image/webp","data":"UklGRg=="}}]},
                  {"role":"model","parts":[{"text":"Checking."},
                    {"functionCall":{"id":"call_abc","name":"get_weather","args":{"city":"Paris"}}},
                    {"functionCall":{"id":"call_def","name":"get_time","args":{}}}]},
                  {"role":"user","parts":[
                    {"functionResponse":{"id":"call_abc","name":"get_weather","response":{"temp":21}}},
                    {"functionResponse":{"id":"call_def","name":"get_time","response":{"error":"clock broke"}}},
                    {"text":"Thanks"}]}],
                 "systemInstruction":{"parts":[{"text":"Be helpful."}]},
                 "tools":[{"functionDeclarations":[{"name":"get_weather","description":"Weather","parametersJsonSchema":{"type":"object"}},
                    {"name":"get_time"}]}],
                 "toolConfig":{"functionCallingConfig":{"mode":"ANY"}},
                 "generationConfig":{"temperature":2.0,"topP":1.0,"maxOutputTokens":100,"stopSequences":["x"]}}
                """));
        assertThat(dropped.fields()).containsExactlyInAnyOrder("parallel_tool_calls", "strict", "seed", "user", "logprobs");
    }

    @Test
    void anAnthropicThinkingTurnBecomesThoughtParts() {
        ChatRequest r = request(List.of(Message.text(Role.USER, "Hi"), new Message(Role.ASSISTANT, List.of(
                new Part.Thinking("Let me think.", "sig-a"), new Part.RedactedThinking("opaque"),
                new Part.Text("Hello!"), new Part.ToolCall("toolu_1", "f", "{\"a\":1}", "sig-call")))));
        assertThat(encode(r).get("contents").get(1).get("parts")).isEqualTo(GeminiFixtures.json("""
                [{"text":"Let me think.","thought":true,"thoughtSignature":"sig-a"},{"text":"Hello!"},
                 {"functionCall":{"id":"toolu_1","name":"f","args":{"a":1}},"thoughtSignature":"sig-call"}]"""));
        assertThat(dropped.fields()).containsExactly("redacted_thinking");
    }

    @Test
    void aSignatureOnlyThoughtAfterTextGoesBackOntoTheText() {
        ChatRequest r = request(List.of(Message.text(Role.USER, "Hi"), new Message(Role.ASSISTANT, List.of(
                new Part.Text("Hello!"), new Part.Thinking("", "sig-t"), new Part.Thinking("", "sig-alone")))));
        assertThat(encode(r).get("contents").get(1).get("parts")).isEqualTo(GeminiFixtures.json("""
                [{"text":"Hello!","thoughtSignature":"sig-t"},{"text":"","thought":true,"thoughtSignature":"sig-alone"}]"""));
    }

    @Test
    void reasoningFromOtherFormatsBecomesABudget() {
        assertThat(thinking(new Reasoning(true, "high", null, null), ClientFormat.OPENAI_CHAT))
                .isEqualTo(GeminiFixtures.json("{\"thinkingBudget\":24576}"));
        assertThat(thinking(new Reasoning(true, "high", null, null), ClientFormat.GEMINI))
                .isEqualTo(GeminiFixtures.json("{\"thinkingLevel\":\"HIGH\"}"));
        assertThat(thinking(new Reasoning(true, null, 50_000, true), ClientFormat.ANTHROPIC))
                .isEqualTo(GeminiFixtures.json("{\"thinkingBudget\":32768,\"includeThoughts\":true}"));
        assertThat(thinking(Reasoning.off(), ClientFormat.ANTHROPIC)).isEqualTo(GeminiFixtures.json("{\"thinkingBudget\":0}"));
        assertThat(thinking(new Reasoning(true, null, null, null), ClientFormat.OPENAI_RESPONSES))
                .isEqualTo(GeminiFixtures.json("{\"thinkingBudget\":-1}"));
    }

    @Test
    void anthropicThinkingWithoutADisplaySettingAsksForThoughts() {
        // Anthropic shows thinking unless told "omitted"; Gemini hides thoughts unless asked
        assertThat(thinking(new Reasoning(true, null, 2048, null), ClientFormat.ANTHROPIC))
                .isEqualTo(GeminiFixtures.json("{\"thinkingBudget\":2048,\"includeThoughts\":true}"));
        assertThat(thinking(new Reasoning(true, null, 2048, false), ClientFormat.ANTHROPIC))
                .isEqualTo(GeminiFixtures.json("{\"thinkingBudget\":2048,\"includeThoughts\":false}"));
        assertThat(thinking(new Reasoning(true, "low", null, null), ClientFormat.OPENAI_CHAT))
                .isEqualTo(GeminiFixtures.json("{\"thinkingBudget\":2048}"));
    }

    @Test
    void anEmptySignatureIsNoSignature() {
        // what the Anthropic encoder puts in the required field of thinking nobody signed
        ChatRequest r = request(List.of(Message.text(Role.USER, "Hi"), new Message(Role.ASSISTANT, List.of(
                new Part.Thinking("Let me think.", ""), new Part.Text("Hello!"), new Part.Thinking("", "")))));
        assertThat(encode(r).get("contents").get(1).get("parts")).isEqualTo(GeminiFixtures.json("""
                [{"text":"Let me think.","thought":true},{"text":"Hello!"}]"""));
    }

    private JsonNode thinking(Reasoning reasoning, ClientFormat source) {
        ChatRequest r = new ChatRequest("m", List.of(), List.of(Message.text(Role.USER, "q")), List.of(), null, null,
                Sampling.NONE, null, List.of(), reasoning, null, false, false, null, source, Map.of());
        return encode(r).get("generationConfig").get("thinkingConfig");
    }

    @Test
    void toolChoicesAndOutputFormats() {
        assertThat(choice(new ToolChoice.Named("f"))).isEqualTo(GeminiFixtures.json(
                "{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"f\"]}"));
        assertThat(choice(new ToolChoice.None())).isEqualTo(GeminiFixtures.json("{\"mode\":\"NONE\"}"));
        assertThat(choice(new ToolChoice.Auto())).isEqualTo(GeminiFixtures.json("{\"mode\":\"AUTO\"}"));
        assertThat(generation(new ResponseFormat.JsonObject())).isEqualTo(GeminiFixtures.json(
                "{\"responseMimeType\":\"application/json\"}"));
        assertThat(generation(new ResponseFormat.JsonSchema("person", "{\"type\":\"object\"}", true)))
                .isEqualTo(GeminiFixtures.json("{\"responseMimeType\":\"application/json\",\"responseJsonSchema\":{\"type\":\"object\"}}"));
    }

    private JsonNode choice(ToolChoice c) {
        ChatRequest r = new ChatRequest("m", List.of(), List.of(Message.text(Role.USER, "q")),
                List.of(new ToolDef("f", null, null, null)), c, null, Sampling.NONE, null, List.of(), null, null, false,
                false, null, ClientFormat.ANTHROPIC, Map.of());
        return encode(r).get("toolConfig").get("functionCallingConfig");
    }

    private JsonNode generation(ResponseFormat f) {
        ChatRequest r = new ChatRequest("m", List.of(), List.of(Message.text(Role.USER, "q")), List.of(), null, null,
                Sampling.NONE, null, List.of(), null, f, false, false, null, ClientFormat.OPENAI_CHAT, Map.of());
        return encode(r).get("generationConfig");
    }

    @Test
    void mediaOfEveryKind() {
        JsonNode parts = encode(request(List.of(new Message(Role.USER, List.of(
                new Part.Audio("AAAA", "mp3"), new Part.Document(null, "JVBERi0=", "application/pdf", "report.pdf"),
                new Part.Document("https://example.com/a.pdf", null, null, null)))))).get("contents").get(0).get("parts");
        assertThat(parts).isEqualTo(GeminiFixtures.json("""
                [{"inlineData":{"mimeType":"audio/mp3","data":"AAAA"}},
                 {"inlineData":{"mimeType":"application/pdf","data":"JVBERi0="}},
                 {"fileData":{"mimeType":"application/pdf","fileUri":"https://example.com/a.pdf"}}]"""));
    }

    @Test
    void whatGeminiCannotTakeIsA400NamingTheField() {
        assertRefused(request(List.of(Message.text(Role.USER, "q"))).withModel("m"), null, null); // sanity: accepted
        ChatRequest tooManyStops = new ChatRequest("m", List.of(), List.of(Message.text(Role.USER, "q")), List.of(), null,
                null, Sampling.NONE, null, List.of("a", "b", "c", "d", "e", "f"), null, null, false, false, null,
                ClientFormat.ANTHROPIC, Map.of());
        assertRefused(tooManyStops, "stop", ErrorKind.INVALID_REQUEST);
        ChatRequest streamedCandidates = new ChatRequest("m", List.of(), List.of(Message.text(Role.USER, "q")), List.of(),
                null, null, new Sampling(null, null, null, null, 2, null, null), null, List.of(), null, null, true, false,
                null, ClientFormat.OPENAI_CHAT, Map.of());
        assertRefused(streamedCandidates, "n", ErrorKind.INVALID_REQUEST);
        assertRefused(request(List.of(Message.text(Role.USER, "q"), new Message(Role.TOOL, List.of(
                new Part.ToolResult("nobody", null, List.of(new Part.Text("x")), false))))), "messages[1].content[0]",
                ErrorKind.INVALID_REQUEST);
        assertRefused(request(List.of(Message.text(Role.USER, "q"), new Message(Role.ASSISTANT, List.of(
                new Part.ToolCall("c", "f", "{\"broken", null))))), "messages[1].content[0]", ErrorKind.INVALID_REQUEST);
        ChatRequest imageSystem = new ChatRequest("m", List.of(new Part.Image("https://x/y.png", null, null)),
                List.of(Message.text(Role.USER, "q")), List.of(), null, null, Sampling.NONE, null, List.of(), null, null,
                false, false, null, ClientFormat.ANTHROPIC, Map.of());
        assertRefused(imageSystem, "system[0]", ErrorKind.INVALID_REQUEST);
        assertRefused(request(List.of()), "messages", ErrorKind.INVALID_REQUEST);
    }

    private void assertRefused(ChatRequest r, String param, ErrorKind kind) {
        if (kind == null) {
            codec.encodeRequest(r, new Dropped());
            return;
        }
        assertThatThrownBy(() -> codec.encodeRequest(r, new Dropped()))
                .isInstanceOfSatisfying(GatewayError.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.param()).isEqualTo(param);
                });
    }

    @Test
    void theBodyNeverCarriesTheModelOrTheStreamFlag() {
        JsonNode body = encode(request(List.of(Message.text(Role.USER, "q"))));
        assertThat(body.has("model")).isFalse();
        assertThat(body.has("stream")).isFalse();
    }
}
