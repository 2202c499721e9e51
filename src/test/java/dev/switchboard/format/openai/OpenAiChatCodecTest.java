package dev.switchboard.format.openai;

import static dev.switchboard.format.openai.CodecFixtures.bytes;
import static dev.switchboard.format.openai.CodecFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Reasoning;
import dev.switchboard.model.chat.Role;
import dev.switchboard.model.chat.Sampling;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.model.chat.ToolChoice;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiChatCodecTest {
    private final OpenAiChatCodec codec = new OpenAiChatCodec();

    @Test
    void decodesEveryKindOfUserContent() {
        ChatRequest r = codec.decodeRequest(bytes("openai/request-multimodal.json"), null, false);
        List<Part> parts = r.messages().get(0).parts();
        assertThat(parts.get(0)).isEqualTo(new Part.Text("What is in these files?"));
        assertThat(((Part.Image) parts.get(1)).url()).startsWith("https://upload.wikimedia.org/");
        assertThat(parts.get(2)).isEqualTo(new Part.Image(null,
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "image/png"));
        assertThat(parts.get(3)).isEqualTo(new Part.Audio("UklGRiQAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQAAAAA=", "wav"));
        assertThat(parts.get(4)).isEqualTo(new Part.Document(null,
                "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+Pgo=", "application/pdf", "draconomicon.pdf"));
        assertThat(r.maxTokens()).isEqualTo(300);
    }

    @Test
    void decodesToolsChoicesResultsAndUnknownFields() {
        ChatRequest r = codec.decodeRequest(bytes("openai/request-tools.json"), null, false);
        assertThat(r.toolChoice()).isEqualTo(new ToolChoice.Named("get_current_weather"));
        assertThat(r.parallelToolCalls()).isTrue();
        assertThat(r.stream()).isTrue();
        assertThat(r.includeUsage()).isTrue();
        assertThat(r.tools().get(0).strict()).isFalse();
        assertThat(json(r.tools().get(0).parametersJson().getBytes()).path("required").get(0).asText()).isEqualTo("location");
        assertThat(r.messages().get(1).parts()).containsExactly(
                new Part.ToolCall("call_abc123", "get_current_weather", "{\"location\": \"Boston, MA\"}", null),
                new Part.ToolCall("call_def456", "get_current_weather", "{\"location\": \"Paris, France\"}", null));
        assertThat(r.messages().get(3)).isEqualTo(new Message(Role.TOOL, List.of(new Part.ToolResult("call_def456", null,
                List.of(new Part.Text("error: service unavailable")), false))));
        assertThat(r.extras()).containsOnlyKeys("logit_bias", "metadata");
        assertThat(r.source()).isEqualTo(ClientFormat.OPENAI_CHAT);
    }

    @Test
    void decodesSystemDeveloperSamplingAndReasoning() {
        ChatRequest r = codec.decodeRequest(bytes("openai/request-multi-turn.json"), null, false);
        assertThat(r.systemText()).isEqualTo("You are a helpful assistant.\n\nAnswer in English.");
        assertThat(r.sampling()).isEqualTo(new Sampling(0.7, 0.9, null, 42L, 1, 0.5, -0.5));
        assertThat(r.stop()).containsExactly("\n\n");
        assertThat(r.user()).isEqualTo("user-1234");
        ChatRequest reasoning = codec.decodeRequest(bytes("openai/request-reasoning.json"), null, false);
        assertThat(reasoning.reasoning()).isEqualTo(new Reasoning(true, "high", null, null));
        assertThat(reasoning.messages().get(1).parts().get(0)).isEqualTo(new Part.Thinking("Compare the decimals: 9.80 > 9.11.", null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}]} | messages[0].content[0].type",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"file_id\":\"file-1\"}}]}]} | messages[0].content[0].file.file_id",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"function\",\"name\":\"f\",\"content\":\"x\"}]} | messages[0].role",
        "{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]} | messages[0].tool_call_id",
        "{\"model\":\"m\",\"messages\":[],\"tool_choice\":{\"type\":\"allowed_tools\"}} | tool_choice.type",
        "{\"model\":\"m\",\"messages\":[],\"temperature\":\"hot\"} | temperature",
        "{\"model\":\"m\"} | messages",
        "{\"messages\":[]} | model",
        "{\"model\":\"m\",\"messages\":[],\"response_format\":{\"type\":\"grammar\"}} | response_format.type",
    })
    void refusesWhatItCannotTranslateNamingTheField(String body, String param) {
        CodecFixtures.assertRefused(() -> codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8), null, false), param);
    }

    @Test
    void malformedBodiesAreClientErrors() {
        for (String body : List.of("", "[1]", "{\"model\":", "{\"model\":\"m\",\"messages\":[]} trailing")) {
            assertThatThrownBy(() -> codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8), null, false))
                    .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "gpt-4.1, false, max_tokens",
        "llama3.1:8b, false, max_tokens",
        "deepseek-reasoner, false, max_tokens",
        "gpt-5-mini, false, max_completion_tokens",
        "o3, false, max_completion_tokens",
        "openai/o4-mini, false, max_completion_tokens",
        "qwen3-32b, true, max_completion_tokens",
    })
    void outputLimitFieldFollowsWhatTheTargetAccepts(String model, boolean reasoning, String field) {
        ChatRequest r = request(List.of(Message.text(Role.USER, "hi"))).withModel(model);
        r = new ChatRequest(r.model(), r.system(), r.messages(), r.tools(), r.toolChoice(), r.parallelToolCalls(),
                r.sampling(), 100, r.stop(), reasoning ? new Reasoning(true, null, 4000, null) : null, null, false, false,
                null, ClientFormat.ANTHROPIC, Map.of());
        JsonNode body = json(codec.encodeRequest(r, new Dropped()));
        assertThat(body.path(field).asInt()).isEqualTo(100);
        assertThat(body.has(field.equals("max_tokens") ? "max_completion_tokens" : "max_tokens")).isFalse();
        if (reasoning) {
            assertThat(body.path("reasoning_effort").asText()).isEqualTo("medium"); // 4000 tokens → medium
        }
    }

    @Test
    void encoderClampsDropsAndSplitsWhatChatCannotCarry() {
        Message user = new Message(Role.USER, List.of(
                new Part.ToolResult("call_1", "lookup", List.of(new Part.Text("42"), new Part.Image("https://x/y.png", null, null)), true),
                new Part.Text("thanks")));
        Message assistant = new Message(Role.ASSISTANT, List.of(new Part.Thinking("hmm", "sig"), new Part.RedactedThinking("enc"),
                new Part.Text("ok"), new Part.ToolCall("call_1", "lookup", "{}", null)));
        ChatRequest r = new ChatRequest("gpt-4.1", List.of(new Part.Text("sys")), List.of(assistant, user), List.of(), null, true,
                new Sampling(3.5, 1.5, 40, null, null, -9.0, null), null, List.of("a", "b", "c", "d", "e"), null, null,
                false, false, null, ClientFormat.ANTHROPIC, Map.of("metadata", "{\"user_id\":\"u\"}", "top_k", "40"));
        Dropped dropped = new Dropped();
        JsonNode body = json(codec.encodeRequest(r, dropped));
        assertThat(body.path("temperature").asDouble()).isEqualTo(2.0);
        assertThat(body.path("top_p").asDouble()).isEqualTo(1.0);
        assertThat(body.path("presence_penalty").asDouble()).isEqualTo(-2.0);
        assertThat(body.path("stop")).hasSize(4);
        assertThat(body.has("parallel_tool_calls")).as("only meaningful with tools").isFalse();
        assertThat(body.has("metadata")).isFalse();
        assertThat(dropped.fields()).containsExactlyInAnyOrder("thinking", "top_k", "stop (beyond the first 4)",
                "tool result images", "metadata");
        JsonNode messages = body.path("messages");
        assertThat(messages.get(0).path("role").asText()).isEqualTo("system");
        assertThat(messages.get(1).path("content").asText()).isEqualTo("ok");
        assertThat(messages.get(1).path("tool_calls").get(0).path("id").asText()).isEqualTo("call_1");
        assertThat(messages.get(2).path("role").asText()).isEqualTo("tool");
        assertThat(messages.get(2).path("content").asText()).isEqualTo("42");
        assertThat(messages.get(3).path("content").asText()).isEqualTo("thanks");
    }

    @Test
    void documentsByUrlCannotGoToChatCompletions() {
        ChatRequest r = request(List.of(new Message(Role.USER, List.of(new Part.Document("https://x/a.pdf", null, null, null)))));
        assertThatThrownBy(() -> codec.encodeRequest(r, new Dropped()))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.param()).isEqualTo("messages[0].content[0]"));
    }

    @Test
    void responsesExtrasThatMeanTheSameCrossOver() {
        ChatRequest r = new ChatRequest("gpt-4.1", List.of(), List.of(Message.text(Role.USER, "hi")), List.of(), null, null,
                null, null, List.of(), new Reasoning(false, "none", null, null), null, false, false, null,
                ClientFormat.OPENAI_RESPONSES, Map.of("store", "false", "include", "[\"reasoning.encrypted_content\"]"));
        Dropped dropped = new Dropped();
        JsonNode body = json(codec.encodeRequest(r, dropped));
        assertThat(body.path("store").asBoolean(true)).isFalse();
        assertThat(body.path("reasoning_effort").asText()).isEqualTo("none");
        assertThat(dropped.fields()).containsExactly("include");
    }

    @Test
    void streamEncoderWithholdsUsageUnlessAskedAndEndsErrorsWithoutDone() {
        List<StreamEvent> events = List.of(new StreamEvent.Start("c1", "m", 1, Usage.NONE), StreamEvent.BlockStart.thinking(0),
                new StreamEvent.ThinkingDelta(0, "secret"), new StreamEvent.BlockStop(0), StreamEvent.BlockStart.text(1),
                new StreamEvent.TextDelta(1, "hi"), new StreamEvent.BlockStop(1),
                new StreamEvent.Finish(StopReason.END_TURN, null, new Usage(3, 1, 0, 0, 0, false)));
        String plain = CodecFixtures.encode(new OpenAiChatStreamEncoder(false), events);
        assertThat(plain).doesNotContain("usage").doesNotContain("secret").endsWith("data: [DONE]\n\n");
        String withUsage = CodecFixtures.encode(new OpenAiChatStreamEncoder(true), events);
        assertThat(CodecFixtures.sse(withUsage).get(3).data()).contains("\"choices\":[]").contains("\"prompt_tokens\":3");
        String failed = CodecFixtures.encode(new OpenAiChatStreamEncoder(true), List.of(
                new StreamEvent.Start("c1", "m", 1, Usage.NONE), new StreamEvent.Error(ErrorKind.OVERLOADED, "busy", Usage.NONE)));
        assertThat(failed).endsWith("data: {\"error\":{\"message\":\"busy\",\"type\":\"overloaded_error\",\"param\":null,\"code\":null}}\n\n")
                .doesNotContain("[DONE]");
    }

    @Test
    void refusalsTravelInTheRefusalField() {
        var response = codec.decodeResponse(bytes("openai/response-refusal.json"));
        assertThat(response.first().stopReason()).isEqualTo(StopReason.REFUSAL);
        assertThat(response.first().parts()).containsExactly(new Part.Text("I'm sorry, I cannot assist with that request."));
    }

    @Test
    void answersThatAreNotCompletionsAreUpstreamErrors() {
        assertThatThrownBy(() -> codec.decodeResponse("<html>502</html>".getBytes()))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR));
        assertThatThrownBy(() -> codec.decodeResponse("{\"error\":{\"message\":\"quota\",\"type\":\"insufficient_quota\"}}".getBytes()))
                .isInstanceOfSatisfying(GatewayError.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED));
    }

    @Test
    void nonJsonAndOllamaStyleErrorsStillDecode() {
        assertThat(codec.decodeError(503, "upstream connect error".getBytes()).getMessage())
                .isEqualTo("upstream answered 503: upstream connect error");
        GatewayError ollama = codec.decodeError(404, "{\"error\":\"model 'llama9' not found\"}".getBytes());
        assertThat(ollama.kind()).isEqualTo(ErrorKind.NOT_FOUND);
        assertThat(ollama.getMessage()).isEqualTo("model 'llama9' not found");
    }

    private static ChatRequest request(List<Message> messages) {
        return new ChatRequest("gpt-4.1", List.of(), messages, List.of(), null, null, null, null, List.of(), null, null,
                false, false, null, ClientFormat.ANTHROPIC, Map.of());
    }
}
