package dev.switchboard.format.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a Gemini client's request means canonically. */
class GeminiRequestDecodeTest {
    private final GeminiCodec codec = new GeminiCodec(GeminiFixtures.CLOCK);

    private ChatRequest fixture(String name) {
        return codec.decodeRequest(GeminiFixtures.bytes(name + ".json"), "models/gemini-2.5-flash", false);
    }

    @Test
    void textConversationWithSystemAndSampling() {
        ChatRequest r = fixture("request-text");
        assertThat(r.model()).isEqualTo("gemini-2.5-flash");
        assertThat(r.source()).isEqualTo(ClientFormat.GEMINI);
        assertThat(r.stream()).isFalse();
        assertThat(r.includeUsage()).isTrue();
        assertThat(r.system()).containsExactly(new Part.Text("You are a terse assistant."), new Part.Text("Answer in English."));
        assertThat(r.messages()).containsExactly(
                Message.text(Role.USER, "What is the capital of France?"),
                Message.text(Role.ASSISTANT, "Paris."),
                Message.text(Role.USER, "And of Italy?"));
        assertThat(r.sampling()).isEqualTo(new Sampling(0.7, 0.9, 40, 42L, 1, 0.5, 0.25));
        assertThat(r.maxTokens()).isEqualTo(256);
        assertThat(r.stop()).containsExactly("\n\n", "END");
        assertThat(r.extras()).isEmpty();
    }

    @Test
    void streamComesFromThePathAndTheModelLosesItsPrefix() {
        ChatRequest r = codec.decodeRequest(GeminiFixtures.bytes("request-text.json"), "gemini-2.0-flash", true);
        assertThat(r.stream()).isTrue();
        assertThat(r.model()).isEqualTo("gemini-2.0-flash");
    }

    @Test
    void snakeCaseFieldsMeanTheSameAsCamelCase() {
        ChatRequest r = fixture("request-snake-case");
        assertThat(r.system()).containsExactly(new Part.Text("Be brief."));
        assertThat(r.messages().get(0).parts().get(1)).isEqualTo(new Part.Image(null,
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "image/png"));
        assertThat(r.messages().get(1)).isEqualTo(new Message(Role.ASSISTANT, List.of(new Part.ToolCall("call_1_0",
                "get_weather", "{\"city\":\"Zurich\",\"unit\":\"celsius\"}", "CiQBcsjafNqj1zAa"))));
        assertThat(r.messages().get(2)).isEqualTo(new Message(Role.TOOL, List.of(new Part.ToolResult("call_1_0",
                "get_weather", List.of(new Part.Text("14 degrees, light rain")), false))));
        assertThat(r.tools()).containsExactly(new ToolDef("get_weather", "Current weather for a city",
                "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"unit\":{\"type\":\"string\","
                        + "\"enum\":[\"celsius\",\"fahrenheit\"]}},\"required\":[\"city\"]}", null));
        assertThat(r.toolChoice()).isEqualTo(new ToolChoice.Auto());
        assertThat(r.maxTokens()).isEqualTo(512);
        assertThat(r.sampling().topP()).isEqualTo(0.95);
        assertThat(r.stop()).containsExactly("STOP");
        assertThat(r.reasoning()).isEqualTo(new Reasoning(true, null, 1024, true));
    }

    @Test
    void openApiParametersBecomeJsonSchemaAndOneAllowedFunctionIsANamedChoice() {
        ChatRequest r = fixture("request-tools");
        assertThat(GeminiFixtures.json(r.tools().get(0).parametersJson())).isEqualTo(GeminiFixtures.json(
                "{\"type\":\"object\",\"properties\":{\"people\":{\"type\":\"integer\",\"description\":\"How many guests\"},"
                        + "\"time\":{\"type\":[\"string\",\"null\"]},\"notes\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}},"
                        + "\"required\":[\"people\"]}"));
        assertThat(r.toolChoice()).isEqualTo(new ToolChoice.Named("get_weather"));
    }

    @Test
    void parallelResultsPairByNameAndOrderAndTextAfterThemIsItsOwnMessage() {
        ChatRequest r = fixture("request-parallel-calls");
        assertThat(r.messages()).hasSize(4);
        assertThat(r.messages().get(1).parts()).extracting(p -> ((Part.ToolCall) p).id()).containsExactly("call_1_0", "call_1_1");
        assertThat(r.messages().get(2)).isEqualTo(new Message(Role.TOOL, List.of(
                new Part.ToolResult("call_1_0", "get_weather", List.of(new Part.Text("21C sunny")), false),
                new Part.ToolResult("call_1_1", "get_weather", List.of(new Part.Text("weather service timed out")), true))));
        assertThat(r.messages().get(3)).isEqualTo(Message.text(Role.USER, "If one failed, say so."));
    }

    @Test
    void thoughtsAndSignaturesKeepTheirPlaces() {
        ChatRequest r = fixture("request-thinking");
        assertThat(r.messages().get(1).parts()).containsExactly(
                new Part.Thinking("**Adding numbers**\n\nTwo plus two is four.", "Cs8BAdHtim9EdmN0bFhzcw=="),
                new Part.Text("2 + 2 = 4."),
                new Part.Thinking("", "CikBcsjafFK168IbtVto"));
        assertThat(r.messages().get(3).parts()).containsExactly(new Part.ToolCall("fc-1", "exchange_rate",
                "{\"from\":\"EUR\",\"to\":\"USD\"}", "CiQBcsjafNqj1zAaEdgJ"));
        assertThat(r.messages().get(4).parts()).containsExactly(new Part.ToolResult("fc-1", "exchange_rate",
                List.of(new Part.Text("{\"rate\":1.08,\"date\":\"2025-06-01\"}")), false));
        assertThat(r.reasoning()).isEqualTo(new Reasoning(true, null, 2048, true));
    }

    @Test
    void thinkingLevelIsTheEffortWord() {
        assertThat(fixture("request-thinking-level").reasoning()).isEqualTo(new Reasoning(true, "low", null, null));
    }

    @ParameterizedTest
    @CsvSource({"0, false, , 0", "-1, true, , ", "4096, true, , 4096"})
    void thinkingBudgets(int budget, boolean enabled, String effort, Integer expectedBudget) {
        ChatRequest r = decode("{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":{\"thinkingConfig\":"
                + "{\"thinkingBudget\":" + budget + "}}}");
        assertThat(r.reasoning()).isEqualTo(new Reasoning(enabled, effort, expectedBudget, null));
    }

    @Test
    void jsonOutputModes() {
        assertThat(fixture("request-json-schema").responseFormat()).isInstanceOf(ResponseFormat.JsonSchema.class);
        ResponseFormat.JsonSchema openApi = (ResponseFormat.JsonSchema) fixture("request-response-schema").responseFormat();
        assertThat(GeminiFixtures.json(openApi.schemaJson())).isEqualTo(GeminiFixtures.json(
                "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},\"age\":{\"type\":[\"integer\",\"null\"]}},"
                        + "\"propertyOrdering\":[\"name\",\"age\"]}"));
        ChatRequest plainJson = decode("{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],"
                + "\"generationConfig\":{\"responseMimeType\":\"application/json\"}}");
        assertThat(plainJson.responseFormat()).isEqualTo(new ResponseFormat.JsonObject());
    }

    @Test
    void fieldsWithoutACanonicalSlotAreExtrasByDottedName() {
        ChatRequest r = fixture("request-extras");
        assertThat(r.extras()).containsOnlyKeys("toolConfig.functionCallingConfig", "safetySettings",
                "cachedContent", "generationConfig.responseModalities", "generationConfig.mediaResolution");
        assertThat(r.extras().get("cachedContent")).isEqualTo("\"cachedContents/lyon-guide-42\"");
        assertThat(r.toolChoice()).isEqualTo(new ToolChoice.Auto());
        assertThat(r.tools()).extracting(ToolDef::name).containsExactly("save_note");
        assertThat(r.maxTokens()).isEqualTo(100);
    }

    @Test
    void mediaKindsFollowTheMimeType() {
        List<Part> parts = fixture("request-media").messages().get(0).parts();
        assertThat(parts.get(2)).isEqualTo(new Part.Image("https://generativelanguage.googleapis.com/v1beta/files/abc123xyz",
                null, "image/png"));
        assertThat(parts.get(3)).isEqualTo(new Part.Document("https://generativelanguage.googleapis.com/v1beta/files/report987",
                null, "application/pdf", null));
        assertThat(parts.get(4)).isEqualTo(new Part.Audio("UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=", "wav"));
    }

    @Test
    void codeExecutionPartsReadAsText() {
        ChatRequest r = decode("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"sum 1..10\"}]},{\"role\":\"model\","
                + "\"parts\":[{\"executableCode\":{\"language\":\"PYTHON\",\"code\":\"print(sum(range(11)))\"}},"
                + "{\"codeExecutionResult\":{\"outcome\":\"OUTCOME_OK\",\"output\":\"55\\n\"}}]}]}");
        assertThat(r.messages().get(1).parts()).containsExactly(new Part.Text("```python\nprint(sum(range(11)))\n```"),
                new Part.Text("55\n"));
    }

    @Test
    void aStringSystemInstructionIsAccepted() {
        assertThat(decode("{\"systemInstruction\":\"Be kind.\",\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}").system())
                .containsExactly(new Part.Text("Be kind."));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}|contents",
        "{\"contents\":{}}|contents",
        "{\"contents\":[{\"role\":\"system\",\"parts\":[{\"text\":\"x\"}]}]}|contents[0].role",
        "{\"contents\":[{\"role\":\"user\",\"parts\":[]}]}|contents[0].parts",
        "{\"contents\":[{\"parts\":[{\"text\":1}]}]}|contents[0].parts[0].text",
        "{\"contents\":[{\"parts\":[{\"video\":\"x\"}]}]}|contents[0].parts[0]",
        "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"functionCall\":{\"name\":\"f\"}}]}]}|contents[0].parts[0]",
        "{\"contents\":[{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"args\":{}}}]}]}|contents[0].parts[0].functionCall.name",
        "{\"contents\":[{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":[1]}}]}]}|contents[0].parts[0].functionCall.args",
        "{\"contents\":[{\"parts\":[{\"functionResponse\":{\"name\":\"f\",\"response\":\"ok\"}}]}]}|contents[0].parts[0].functionResponse.response",
        "{\"contents\":[{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\"}}]}]}|contents[0].parts[0].inlineData.data",
        "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":{\"temperature\":\"hot\"}}|generationConfig.temperature",
        "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"generationConfig\":{\"maxOutputTokens\":1.5}}|generationConfig.maxOutputTokens",
        "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"toolConfig\":{\"functionCallingConfig\":{\"mode\":\"SOMETIMES\"}}}|toolConfig.functionCallingConfig.mode",
        "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"tools\":[{\"functionDeclarations\":[{\"description\":\"d\"}]}]}|tools[0].functionDeclarations[0].name",
        "{\"contents\":[{\"parts\":[{\"text\":\"x\"}]}],\"systemInstruction\":{\"parts\":[{\"inlineData\":{}}]}}|systemInstruction.parts[0]"
    })
    void malformedRequestsAre400sNamingTheField(String body, String field) {
        assertThatThrownBy(() -> decode(body))
                .isInstanceOfSatisfying(GatewayError.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.param()).isEqualTo(field);
                });
    }

    @Test
    void bodiesThatAreNotObjectsAndMissingModelsAre400s() {
        assertThatThrownBy(() -> codec.decodeRequest("[1]".getBytes(StandardCharsets.UTF_8), "m", false))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
        assertThatThrownBy(() -> codec.decodeRequest("{\"contents\":".getBytes(StandardCharsets.UTF_8), "m", false))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
        assertThatThrownBy(() -> codec.decodeRequest(GeminiFixtures.bytes("request-text.json"), null, false))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.param()).isEqualTo("model"));
    }

    @Test
    void aResultWithoutAnyMatchingCallStillGetsAStableId() {
        ChatRequest r = decode("{\"contents\":[{\"parts\":[{\"functionResponse\":{\"name\":\"f\",\"response\":{}}}]}]}");
        assertThat(((Part.ToolResult) r.messages().get(0).parts().get(0)).callId()).isEqualTo("call_0_0_result");
    }

    private ChatRequest decode(String json) {
        return codec.decodeRequest(json.getBytes(StandardCharsets.UTF_8), "gemini-2.5-flash", false);
    }
}
