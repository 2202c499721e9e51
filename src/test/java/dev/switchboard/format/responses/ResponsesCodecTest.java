package dev.switchboard.format.responses;

import static dev.switchboard.format.openai.CodecFixtures.bytes;
import static dev.switchboard.format.openai.CodecFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.format.openai.CodecFixtures;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.Choice;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Reasoning;
import dev.switchboard.model.chat.ResponseFormat;
import dev.switchboard.model.chat.Role;
import dev.switchboard.model.chat.Sampling;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.model.chat.ToolChoice;
import dev.switchboard.model.chat.ToolDef;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponsesCodecTest {
    private final ResponsesCodec codec = new ResponsesCodec();

    @Test
    void decodesItemsIntoTurns() {
        ChatRequest r = codec.decodeRequest(bytes("responses/request-items.json"), null, false);
        assertThat(r.systemText()).isEqualTo("Use the tools when they help.");
        assertThat(r.messages()).extracting(Message::role).containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.ASSISTANT, Role.USER);
        assertThat(r.messages().get(0).parts()).containsExactly(
                new Part.Text("What is the weather in Paris? Here is a photo and a report."),
                new Part.Image("https://example.com/paris.jpg", null, null),
                new Part.Image(null, "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBD", "image/jpeg"),
                new Part.Document(null, "JVBERi0xLjQK", "application/pdf", "report.pdf"),
                new Part.Document("https://example.com/forecast.pdf", null, null, null));
        assertThat(r.messages().get(1).parts()).containsExactly(
                new Part.Thinking("**Checking the weather**", "gAAAAABoKU1xZ2V0X3dlYXRoZXI="),
                new Part.ToolCall("call_12345xyz", "get_weather", "{\"location\":\"Paris, France\"}", null));
        assertThat(r.messages().get(2).parts()).containsExactly(
                new Part.ToolResult("call_12345xyz", null, List.of(new Part.Text("{\"temperature\": 18}")), false));
        assertThat(r.tools()).extracting(ToolDef::name, ToolDef::strict).containsExactly(tuple("get_weather", true));
        assertThat(r.toolChoice()).isEqualTo(new ToolChoice.Required());
        assertThat(r.parallelToolCalls()).isFalse();
        assertThat(r.reasoning()).isEqualTo(new Reasoning(true, "low", null, true));
        assertThat(r.responseFormat()).isInstanceOfSatisfying(ResponseFormat.JsonSchema.class, s -> {
            assertThat(s.name()).isEqualTo("weather");
            assertThat(s.strict()).isTrue();
        });
        assertThat(r.maxTokens()).isEqualTo(2048);
        assertThat(r.extras()).containsOnlyKeys("include", "store", "metadata", "truncation");
        assertThat(r.source()).isEqualTo(ClientFormat.OPENAI_RESPONSES);
    }

    @Test
    void aStringInputIsOneUserTurnAndStreamsAlwaysCarryUsage() {
        ChatRequest r = codec.decodeRequest(bytes("responses/request-basic.json"), null, false);
        assertThat(r.messages()).containsExactly(Message.text(Role.USER, "Tell me a three sentence bedtime story about a unicorn."));
        assertThat(r.systemText()).isEqualTo("Talk like a pirate.");
        assertThat(r.sampling()).isEqualTo(new Sampling(0.5, 0.9, null, null, null, null, null));
        assertThat(r.stream()).isTrue();
        assertThat(r.includeUsage()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "responses/request-previous-response.json | previous_response_id",
    })
    void refusesFixturesItCannotHonour(String fixture, String param) {
        CodecFixtures.assertRefused(() -> codec.decodeRequest(bytes(fixture), null, false), param);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"model\":\"m\",\"input\":[{\"type\":\"item_reference\",\"id\":\"msg_1\"}]} | input[0].type",
        "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\",\"file_id\":\"file-1\"}]}]} | input[0].content[0].file_id",
        "{\"model\":\"m\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_file\",\"file_id\":\"file-1\"}]}]} | input[0].content[0].file_id",
        "{\"model\":\"m\",\"input\":[{\"role\":\"critic\",\"content\":\"x\"}]} | input[0].role",
        "{\"model\":\"m\",\"input\":[{\"type\":\"function_call\",\"name\":\"f\"}]} | input[0].call_id",
        "{\"model\":\"m\",\"input\":\"x\",\"conversation\":\"conv_1\"} | conversation",
        "{\"model\":\"m\",\"input\":\"x\",\"prompt\":{\"id\":\"pmpt_1\"}} | prompt",
        "{\"model\":\"m\",\"input\":\"x\",\"background\":true} | background",
        "{\"model\":\"m\",\"input\":\"x\",\"tool_choice\":{\"type\":\"web_search_preview\"}} | tool_choice.type",
        "{\"model\":\"m\",\"input\":\"x\",\"text\":{\"format\":{\"type\":\"grammar\"}}} | text.format.type",
        "{\"model\":\"m\",\"input\":42} | input",
        "{\"model\":\"m\"} | input",
    })
    void refusesWhatItCannotTranslateNamingTheField(String body, String param) {
        CodecFixtures.assertRefused(() -> codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8), null, false), param);
    }

    @Test
    void encoderDropsWhatResponsesHasNoFieldForAndReplaysOnlySignedReasoning() {
        Message assistant = new Message(Role.ASSISTANT, List.of(new Part.Thinking("visible only", null),
                new Part.Thinking("signed", "enc-1"), new Part.RedactedThinking("enc-2"), new Part.Text("answer")));
        ChatRequest r = new ChatRequest("gpt-5", List.of(new Part.Text("sys")), List.of(Message.text(Role.USER, "q"), assistant),
                List.of(new ToolDef("f", null, null, null)), new ToolChoice.Named("f"), null,
                new Sampling(0.2, null, 5, 7L, 2, 0.1, 0.1), 64, List.of("END"), new Reasoning(true, null, 30000, null), null,
                false, false, null, ClientFormat.ANTHROPIC, Map.of("anthropic_beta", "[]"));
        Dropped dropped = new Dropped();
        JsonNode body = json(codec.encodeRequest(r, dropped));
        assertThat(dropped.fields()).containsExactlyInAnyOrder("thinking", "top_k", "seed", "n", "presence_penalty",
                "frequency_penalty", "stop", "anthropic_beta");
        assertThat(body.path("reasoning").path("effort").asText()).isEqualTo("high");
        assertThat(body.path("tools").get(0).path("strict").asBoolean(true)).as("missing strict means true in Responses").isFalse();
        assertThat(body.path("tools").get(0).path("parameters").path("type").asText()).isEqualTo("object");
        assertThat(body.path("tool_choice").path("name").asText()).isEqualTo("f");
        JsonNode input = body.path("input");
        assertThat(input).hasSize(4);
        assertThat(input.get(1).path("encrypted_content").asText()).isEqualTo("enc-1");
        assertThat(input.get(1).has("id")).as("an id makes OpenAI look the item up in storage").isFalse();
        assertThat(input.get(2).path("summary")).isEmpty();
        assertThat(input.get(3).path("content").asText()).isEqualTo("answer");
    }

    @Test
    void answersMapStatusToStopReasons() {
        ChatResponse calls = codec.decodeResponse(bytes("responses/response-function-call.json"));
        assertThat(calls.first().stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(calls.usage()).isEqualTo(new Usage(291, 23, 256, 0, 0, false));
        ChatResponse reasoning = codec.decodeResponse(bytes("responses/response-reasoning.json"));
        assertThat(reasoning.first().stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(reasoning.first().parts()).containsExactly(
                new Part.Thinking("**Responding to a greeting**\n\nThe user just said, \"Hello!\" So I greet them back.",
                        "gAAAAABoBr_M1HlB4l6vb5E="),
                new Part.RedactedThinking("gAAAAABoBr_secondblob="),
                new Part.Text("Hello! How can I"));
        assertThatThrownBy(() -> codec.decodeResponse(bytes("responses/response-failed.json")))
                .isInstanceOfSatisfying(GatewayError.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
                    assertThat(e.getMessage()).isEqualTo("The model failed to generate a response.");
                });
    }

    @Test
    void refusalAndContentFilterRenderAsTheApiShowsThem() {
        ChatRequest request = codec.decodeRequest(bytes("responses/request-basic.json"), null, false);
        var refusal = new ChatResponse("x", "m", 1, List.of(new Choice(0,
                List.of(new Part.Text("I can't help with that.")), StopReason.REFUSAL, null)), Usage.NONE);
        JsonNode body = json(codec.encodeResponse(refusal, request));
        assertThat(body.path("output").get(0).path("content").get(0).path("type").asText()).isEqualTo("refusal");
        assertThat(codec.decodeResponse(codec.encodeResponse(refusal, request)).first().stopReason()).isEqualTo(StopReason.REFUSAL);
        var filtered = new ChatResponse("x", "m", 1, List.of(new Choice(0, List.of(),
                StopReason.CONTENT_FILTER, null)), Usage.NONE);
        JsonNode incomplete = json(codec.encodeResponse(filtered, request));
        assertThat(incomplete.path("status").asText()).isEqualTo("incomplete");
        assertThat(incomplete.path("incomplete_details").path("reason").asText()).isEqualTo("content_filter");
    }

    @Test
    void errorsUseTheOpenAiEnvelope() {
        GatewayError e = codec.decodeError(400, bytes("responses/error-invalid.json"));
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(e.param()).isEqualTo("input[2].id");
        assertThat(e.code()).isEqualTo("invalid_value");
        JsonNode body = json(codec.encodeError(GatewayError.invalid("bad", "previous_response_id")));
        assertThat(body.path("error").path("param").asText()).isEqualTo("previous_response_id");
        assertThat(body.path("error").path("type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void theSseEventNameStandsInForAMissingType() {
        String stream = "event: response.created\ndata: {\"response\":{\"id\":\"resp_1\",\"model\":\"m\"}}\n\n"
                + "event: response.output_text.delta\ndata: {\"output_index\":0,\"content_index\":0,\"delta\":\"Hi\"}\n\n"
                + "event: response.completed\ndata: {\"response\":{\"status\":\"completed\"}}\n\n";
        var events = CodecFixtures.decode(codec.newStreamDecoder(), CodecFixtures.sse(stream));
        assertThat(events).hasSize(5);
        assertThat(events.get(2)).isEqualTo(new StreamEvent.TextDelta(0, "Hi"));
    }
}
