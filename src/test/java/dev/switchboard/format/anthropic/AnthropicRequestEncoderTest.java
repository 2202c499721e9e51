package dev.switchboard.format.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.Dropped;
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

/** Canonical requests from other formats, as an Anthropic upstream must receive them. */
class AnthropicRequestEncoderTest {
    private final AnthropicCodec codec = new AnthropicCodec(Fixtures.CLOCK);
    private final Dropped dropped = new Dropped();

    /** A request as the OpenAI decoder would produce it; tests vary one field at a time. */
    private static final class Req {
        List<Part> system = List.of();
        List<Message> messages = List.of(Message.text(Role.USER, "hi"));
        List<ToolDef> tools = List.of();
        ToolChoice choice;
        Boolean parallel;
        Sampling sampling = Sampling.NONE;
        Integer maxTokens;
        Reasoning reasoning;
        ResponseFormat format;
        ClientFormat source = ClientFormat.OPENAI_CHAT;
        Map<String, String> extras = Map.of();
        String user;

        ChatRequest build() {
            return new ChatRequest("claude-sonnet-4-5", system, messages, tools, choice, parallel, sampling, maxTokens,
                    List.of(), reasoning, format, false, false, user, source, extras);
        }
    }

    private JsonNode encode(Req r) {
        return Fixtures.json(codec.encodeRequest(r.build(), dropped));
    }

    @Test
    void maxTokensDefaultsTo4096() {
        assertThat(encode(new Req()).get("max_tokens").intValue()).isEqualTo(4096);
    }

    @Test
    void manyAnswersAreRefusedNamingN() {
        Req r = new Req();
        r.sampling = new Sampling(null, null, null, null, 2, null, null);
        assertThatThrownBy(() -> encode(r)).isInstanceOfSatisfying(GatewayError.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.param()).isEqualTo("n");
        });
        r.sampling = new Sampling(null, null, null, null, 1, null, null);
        assertThat(encode(r).has("n")).isFalse();
    }

    @Test
    void seedAndPenaltiesAreDroppedAndTemperatureClamped() {
        Req r = new Req();
        r.sampling = new Sampling(1.7, 1.4, null, 42L, null, 0.5, 0.2);
        JsonNode body = encode(r);
        assertThat(body.get("temperature").doubleValue()).isEqualTo(1.0);
        assertThat(body.get("top_p").doubleValue()).isEqualTo(1.0);
        assertThat(body.has("seed")).isFalse();
        assertThat(dropped.fields()).containsExactly("seed", "presence_penalty", "frequency_penalty");
    }

    @Test
    void jsonModeWithoutSchemaIsDroppedAndSchemaBecomesOutputConfig() {
        Req r = new Req();
        r.format = new ResponseFormat.JsonObject();
        assertThat(encode(r).has("output_config")).isFalse();
        assertThat(dropped.fields()).containsExactly("response_format");
        r.format = new ResponseFormat.JsonSchema("person", "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"}}}", true);
        assertThat(encode(r).at("/output_config/format/schema/properties/name/type").asText()).isEqualTo("string");
    }

    @Test
    void audioIsRefusedNamingThePart() {
        Req r = new Req();
        r.messages = List.of(new Message(Role.USER, List.of(new Part.Text("listen"), new Part.Audio("UklGRg==", "wav"))));
        assertThatThrownBy(() -> encode(r)).isInstanceOfSatisfying(GatewayError.class,
                e -> assertThat(e.param()).isEqualTo("messages[0].content[1]"));
    }

    @Test
    void dataUrlImagesBecomeBase64Sources() {
        Req r = new Req();
        r.messages = List.of(new Message(Role.USER, List.of(new Part.Image("data:image/jpeg;base64,/9j/4AAQ", null, null))));
        JsonNode source = encode(r).at("/messages/0/content/0/source");
        assertThat(source.get("type").asText()).isEqualTo("base64");
        assertThat(source.get("media_type").asText()).isEqualTo("image/jpeg");
        assertThat(source.get("data").asText()).isEqualTo("/9j/4AAQ");
    }

    @Test
    void toolMessagesFoldIntoTheUserTurnWithResultsFirst() {
        Req r = new Req();
        r.messages = List.of(
                Message.text(Role.USER, "weather?"),
                new Message(Role.ASSISTANT, List.of(new Part.ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}", null))),
                new Message(Role.ASSISTANT, List.of(new Part.ToolCall("call_2", "get_weather", "{\"city\":\"Rome\"}", null))),
                Message.text(Role.USER, "also this"),
                new Message(Role.TOOL, List.of(new Part.ToolResult("call_1", "get_weather", List.of(new Part.Text("sunny")), false))),
                new Message(Role.TOOL, List.of(new Part.ToolResult("call_2", "get_weather", List.of(), true))));
        JsonNode messages = encode(r).get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(1).get("content")).hasSize(2);
        JsonNode user = messages.get(2).get("content");
        assertThat(user.get(0).get("type").asText()).isEqualTo("tool_result");
        assertThat(user.get(0).get("content").asText()).isEqualTo("sunny");
        assertThat(user.get(1).get("is_error").booleanValue()).isTrue();
        assertThat(user.get(1).has("content")).isFalse();
        assertThat(user.get(2).get("text").asText()).isEqualTo("also this");
    }

    @Test
    void unsignedThinkingIsLeftOutAndEmptyTurnsSkipped() {
        Req r = new Req();
        r.messages = List.of(Message.text(Role.USER, "q"),
                new Message(Role.ASSISTANT, List.of(new Part.Thinking("deepseek reasoning", null))),
                new Message(Role.ASSISTANT, List.of(new Part.Text(""), new Part.Text("answer"))),
                Message.text(Role.USER, "next"));
        JsonNode messages = encode(r).get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(1).get("content").asText()).isEqualTo("answer");
        assertThat(dropped.fields()).containsExactly("thinking");
    }

    @Test
    void effortBecomesABudgetWithRoomForTheAnswer() {
        Req r = new Req();
        r.reasoning = new Reasoning(true, "high", null, null);
        JsonNode body = encode(r);
        assertThat(body.at("/thinking/type").asText()).isEqualTo("enabled");
        assertThat(body.at("/thinking/budget_tokens").intValue()).isEqualTo(24576);
        assertThat(body.get("max_tokens").intValue()).isEqualTo(24576 + 4096);
    }

    @Test
    void budgetShrinksBelowAnExplicitMaxOrThinkingIsDropped() {
        Req r = new Req();
        r.reasoning = new Reasoning(true, null, 8192, true);
        r.maxTokens = 2000;
        JsonNode body = encode(r);
        assertThat(body.at("/thinking/budget_tokens").intValue()).isEqualTo(1999);
        assertThat(body.at("/thinking/display").asText()).isEqualTo("summarized");
        r.maxTokens = 1000;
        body = encode(r);
        assertThat(body.has("thinking")).isFalse();
        assertThat(body.get("max_tokens").intValue()).isEqualTo(1000);
        assertThat(dropped.fields()).containsExactly("reasoning");
    }

    @Test
    void thinkingYieldsToAForcedToolAndTakesNoTemperature() {
        Req r = new Req();
        r.tools = List.of(new ToolDef("lookup", null, null, null));
        r.reasoning = new Reasoning(true, "low", null, null);
        r.choice = new ToolChoice.Named("lookup");
        JsonNode body = encode(r);
        assertThat(body.has("thinking")).isFalse();
        assertThat(body.at("/tool_choice/name").asText()).isEqualTo("lookup");
        assertThat(body.at("/tools/0/input_schema/type").asText()).isEqualTo("object");
        assertThat(dropped.fields()).containsExactly("reasoning");

        Req t = new Req();
        t.reasoning = new Reasoning(true, "low", null, null);
        t.sampling = new Sampling(0.2, 0.5, 10, null, null, null, null);
        Dropped d = new Dropped();
        JsonNode thinking = Fixtures.json(codec.encodeRequest(t.build(), d));
        assertThat(thinking.has("temperature")).isFalse();
        assertThat(thinking.has("top_k")).isFalse();
        assertThat(thinking.get("top_p").doubleValue()).isEqualTo(0.95);
        assertThat(d.fields()).containsExactly("temperature", "top_k");
    }

    @Test
    void reasoningOffIsDisabledAndKeepsSampling() {
        Req r = new Req();
        r.reasoning = Reasoning.off();
        r.sampling = new Sampling(0.3, null, 5, null, null, null, null);
        JsonNode body = encode(r);
        assertThat(body.at("/thinking/type").asText()).isEqualTo("disabled");
        assertThat(body.get("temperature").doubleValue()).isEqualTo(0.3);
        assertThat(body.get("top_k").intValue()).isEqualTo(5);
    }

    @Test
    void anotherFormatsExtrasAreListedNotSent() {
        Req r = new Req();
        r.extras = Map.of("logit_bias", "{\"50256\":-100}");
        assertThat(encode(r).has("logit_bias")).isFalse();
        assertThat(dropped.fields()).containsExactly("logit_bias");
    }

    @Test
    void toolChoiceNeedsToolsAndParallelFlagIsInverted() {
        Req r = new Req();
        r.choice = new ToolChoice.Required();
        assertThat(encode(r).has("tool_choice")).isFalse();
        r.tools = List.of(new ToolDef("f", "does f", "{\"type\":\"object\"}", null));
        r.choice = null;
        r.parallel = false;
        JsonNode choice = encode(r).get("tool_choice");
        assertThat(choice.get("type").asText()).isEqualTo("auto");
        assertThat(choice.get("disable_parallel_tool_use").booleanValue()).isTrue();
        r.choice = new ToolChoice.None();
        assertThat(encode(r).get("tool_choice").has("disable_parallel_tool_use")).isFalse();
    }

    @Test
    void userBecomesMetadataAndSystemPartsJoin() {
        Req r = new Req();
        r.user = "user-42";
        r.system = List.of(new Part.Text("one"), new Part.Text("two"));
        JsonNode body = encode(r);
        assertThat(body.at("/metadata/user_id").asText()).isEqualTo("user-42");
        assertThat(body.get("system")).hasSize(2);
        r.system = List.of(new Part.Image("https://x/y.png", null, null));
        assertThatThrownBy(() -> encode(r)).isInstanceOfSatisfying(GatewayError.class,
                e -> assertThat(e.param()).isEqualTo("system[0]"));
    }

    @Test
    void toolResultsWithImagesUseBlocksAndBrokenArgumentsBecomeEmpty() {
        Req r = new Req();
        r.messages = List.of(
                new Message(Role.ASSISTANT, List.of(new Part.ToolCall("c", "shot", "{\"trunc", null))),
                new Message(Role.TOOL, List.of(new Part.ToolResult("c", null,
                        List.of(new Part.Text("here"), new Part.Image(null, "iVBO", "image/png")), false))));
        JsonNode body = encode(r);
        assertThat(body.at("/messages/0/content/0/input").isEmpty()).isTrue();
        assertThat(body.at("/messages/1/content/0/content/1/source/media_type").asText()).isEqualTo("image/png");
    }

    @Test
    void documentsOtherThanPdfOrTextAreRefused() {
        Req r = new Req();
        r.messages = List.of(new Message(Role.USER, List.of(new Part.Document(null, "YSxi", "text/csv", "t.csv"))));
        assertThatThrownBy(() -> encode(r)).isInstanceOf(GatewayError.class);
        r.messages = List.of(new Message(Role.USER, List.of(new Part.Document("https://x/a.docx", null,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", null))));
        assertThatThrownBy(() -> encode(r)).isInstanceOfSatisfying(GatewayError.class,
                e -> assertThat(e.param()).isEqualTo("messages[0].content[0]"));
        r.messages = List.of(new Message(Role.USER, List.of(new Part.Document(null, "aGVsbG8=", "text/plain", null))));
        assertThat(encode(r).at("/messages/0/content/0/source/data").asText()).isEqualTo("hello");
    }
}
