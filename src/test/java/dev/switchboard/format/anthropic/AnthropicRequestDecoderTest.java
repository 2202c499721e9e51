package dev.switchboard.format.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a client's Anthropic request means in canonical terms, and the 400s that name the field. */
class AnthropicRequestDecoderTest {
    private final AnthropicCodec codec = new AnthropicCodec(Fixtures.CLOCK);

    private ChatRequest fixture(String name) {
        return codec.decodeRequest(Fixtures.bytes(name), null, false);
    }

    private ChatRequest body(String json) {
        return codec.decodeRequest(json.getBytes(StandardCharsets.UTF_8), null, false);
    }

    @Test
    void basicFieldsLandInTheirCanonicalSlots() {
        ChatRequest r = fixture("request_basic.json");
        assertThat(r.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(r.maxTokens()).isEqualTo(1024);
        assertThat(r.system()).containsExactly(new Part.Text("You are a helpful assistant."));
        assertThat(r.messages()).containsExactly(Message.text(Role.USER, "Hello, Claude"));
        assertThat(r.sampling()).isEqualTo(new Sampling(0.7, 0.9, 40, null, null, null, null));
        assertThat(r.stop()).containsExactly("\n\nHuman:");
        assertThat(r.user()).isEqualTo("13803d75-b4b5-4c3e-b2a2-6f21399b021b");
        assertThat(r.source()).isEqualTo(ClientFormat.ANTHROPIC);
        assertThat(r.stream()).isFalse();
        assertThat(r.extras()).isEmpty();
    }

    @Test
    void toolResultsBecomeToolMessagesInOrder() {
        ChatRequest r = fixture("request_tools.json");
        assertThat(r.messages()).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.USER);
        assertThat(r.messages().get(1).parts()).containsExactly(
                new Part.Text("I'll check the weather in both cities."),
                new Part.ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather",
                        "{\"location\":\"San Francisco, CA\",\"unit\":\"celsius\"}", null),
                new Part.ToolCall("toolu_01B7bvnvr9BVrn3mKkB8Wc2u", "get_weather",
                        "{\"location\":\"New York, NY\",\"unit\":\"celsius\"}", null));
        assertThat(r.messages().get(2).parts()).containsExactly(
                new Part.ToolResult("toolu_01A09q90qw90lq917835lq9", null, List.of(new Part.Text("15 degrees")), false),
                new Part.ToolResult("toolu_01B7bvnvr9BVrn3mKkB8Wc2u", null,
                        List.of(new Part.Text("ConnectionError: the weather service is unavailable")), true));
        assertThat(r.messages().get(3)).isEqualTo(Message.text(Role.USER, "And the time?"));
        assertThat(r.toolChoice()).isEqualTo(new ToolChoice.Required());
        assertThat(r.parallelToolCalls()).isTrue();
        assertThat(r.tools()).hasSize(2);
        assertThat(r.tools().get(1).strict()).isTrue();
        assertThat(Fixtures.json(r.tools().get(0).parametersJson()).at("/properties/unit/enum/1").asText()).isEqualTo("fahrenheit");
    }

    @Test
    void thinkingAndItsSignaturesAreKept() {
        ChatRequest r = fixture("request_thinking.json");
        assertThat(r.reasoning()).isEqualTo(new Reasoning(true, null, 10000, null));
        assertThat(r.messages().get(1).parts().get(0)).isInstanceOf(Part.RedactedThinking.class);
        Part.Thinking th = (Part.Thinking) r.messages().get(3).parts().get(0);
        assertThat(th.signature()).startsWith("BDaL4VrbR2Oj0hO4");
    }

    @Test
    void imagesAndDocumentsOfEverySourceKind() {
        List<Part> parts = fixture("request_media.json").messages().get(0).parts();
        assertThat(parts.get(0)).isEqualTo(new Part.Image(null,
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "image/png"));
        assertThat(parts.get(1)).isEqualTo(new Part.Image(
                "https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg", null, null));
        assertThat(((Part.Document) parts.get(2)).mediaType()).isEqualTo("application/pdf");
        assertThat(((Part.Document) parts.get(3)).name()).isEqualTo("Report");
        Part.Document text = (Part.Document) parts.get(4);
        assertThat(text.mediaType()).isEqualTo("text/plain");
        assertThat(new String(Base64.getDecoder().decode(text.data()), StandardCharsets.UTF_8))
                .isEqualTo("The grass is green. The sky is blue.");
    }

    @Test
    void unknownTopLevelFieldsAreExtrasAndLegacyOutputFormatIsASchema() {
        ChatRequest r = fixture("request_legacy_and_extras.json");
        assertThat(r.extras()).containsOnlyKeys("service_tier", "inference_geo", "cache_control");
        assertThat(r.extras().get("service_tier")).isEqualTo("\"standard_only\"");
        assertThat(r.responseFormat()).isInstanceOf(ResponseFormat.JsonSchema.class);
        assertThat(r.reasoning()).isEqualTo(new Reasoning(true, null, null, false));
        assertThat(r.toolChoice()).isEqualTo(new ToolChoice.None());
    }

    @ParameterizedTest
    @CsvSource({"low,low", "medium,medium", "high,high", "xhigh,high", "max,high"})
    void effortWordsMapOntoTheCanonicalScale(String anthropic, String canonical) {
        ChatRequest r = body("{\"model\":\"m\",\"max_tokens\":10,\"output_config\":{\"effort\":\"" + anthropic
                + "\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.reasoning()).isEqualTo(new Reasoning(true, canonical, null, null));
    }

    @Test
    void disabledThinkingIsOff() {
        ChatRequest r = body("{\"model\":\"m\",\"thinking\":{\"type\":\"disabled\"},\"messages\":[]}");
        assertThat(r.reasoning()).isEqualTo(Reasoning.off());
        assertThat(r.maxTokens()).as("max_tokens is left to the encoder's default").isNull();
    }

    @Test
    void leadingSystemMessagesJoinTheSystemPrompt() {
        ChatRequest r = body("{\"model\":\"m\",\"system\":\"a\",\"messages\":[{\"role\":\"system\",\"content\":\"b\"},"
                + "{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertThat(r.system()).containsExactly(new Part.Text("a"), new Part.Text("b"));
        assertThat(r.messages()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "not json at all|",
        "[1,2]|",
        "{\"messages\":[]}|model",
        "{\"model\":\"m\"}|messages",
        "{\"model\":\"m\",\"max_tokens\":\"many\",\"messages\":[]}|max_tokens",
        "{\"model\":\"m\",\"max_tokens\":0,\"messages\":[]}|max_tokens",
        "{\"model\":\"m\",\"max_tokens\":-5,\"messages\":[]}|max_tokens",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}|messages.0.role",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"system\",\"content\":\"y\"}]}|messages.1.role",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"search_result\"}]}]}|messages.0.content.0.type",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\"}]}]}|messages.0.content.0.type",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"f\"}}]}]}|messages.0.content.0.source.type",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}|messages.0.content.0.text",
        "{\"model\":\"m\",\"tool_choice\":{\"type\":\"sometimes\"},\"messages\":[]}|tool_choice.type",
        "{\"model\":\"m\",\"thinking\":{\"type\":\"enabled\"},\"messages\":[]}|thinking.budget_tokens",
        "{\"model\":\"m\",\"output_config\":{\"effort\":\"extreme\"},\"messages\":[]}|output_config.effort",
        "{\"model\":\"m\",\"output_config\":{\"format\":{\"type\":\"json_object\"}},\"messages\":[]}|output_config.format.type",
        "{\"model\":\"m\",\"stop_sequences\":[1],\"messages\":[]}|stop_sequences.0",
        "{\"model\":\"m\",\"system\":[{\"type\":\"image\"}],\"messages\":[]}|system.0"
    })
    void malformedRequestsAreA400NamingTheField(String json, String param) {
        assertThatThrownBy(() -> body(json))
                .isInstanceOfSatisfying(GatewayError.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.param()).isEqualTo(param);
                    if (param != null) {
                        assertThat(e.getMessage()).startsWith(param + ":");
                    }
                });
    }
}
