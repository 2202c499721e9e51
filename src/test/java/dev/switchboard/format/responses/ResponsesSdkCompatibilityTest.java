package dev.switchboard.format.responses;

import static dev.switchboard.format.openai.CodecFixtures.bytes;
import static dev.switchboard.format.openai.CodecFixtures.decode;
import static dev.switchboard.format.openai.CodecFixtures.encode;
import static dev.switchboard.format.openai.CodecFixtures.sse;
import static dev.switchboard.format.openai.CodecFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.ChatModel;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseReasoningItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.switchboard.format.Dropped;
import dev.switchboard.format.openai.OpenAiChatCodec;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the Responses encoders write, read back by the official openai-java SDK's model classes and
 * its stream accumulator (which rebuilds the response from the deltas and checks their indexes),
 * and what the SDK writes, read by the decoder.
 */
class ResponsesSdkCompatibilityTest {
    private static final JsonMapper SDK = ObjectMappers.jsonMapper();
    private final ResponsesCodec codec = new ResponsesCodec();
    private final ChatRequest request = codec.decodeRequest(bytes("responses/request-items.json"), null, false);

    @Test
    void sdkParsesWholeAnswers() throws Exception {
        Response text = SDK.readValue(codec.encodeResponse(codec.decodeResponse(bytes("responses/response-text.json")), request),
                Response.class).validate();
        assertThat(text.status()).hasValue(ResponseStatus.COMPLETED);
        assertThat(text.output().get(0).asMessage().content().get(0).asOutputText().text()).startsWith("In a peaceful grove");
        assertThat(text.usage().orElseThrow().totalTokens()).isEqualTo(123);
        assertThat(text.tools().get(0).asFunction().name()).isEqualTo("get_weather");

        Response reasoning = SDK.readValue(codec.encodeResponse(codec.decodeResponse(bytes("responses/response-reasoning.json")),
                request), Response.class).validate();
        assertThat(reasoning.status()).hasValue(ResponseStatus.INCOMPLETE);
        assertThat(reasoning.incompleteDetails().orElseThrow().reason()).hasValue(Response.IncompleteDetails.Reason.MAX_OUTPUT_TOKENS);
        ResponseReasoningItem first = reasoning.output().get(0).asReasoning();
        assertThat(first.encryptedContent()).hasValue("gAAAAABoBr_M1HlB4l6vb5E=");
        assertThat(first.summary().get(0).text()).startsWith("**Responding to a greeting**");
        assertThat(reasoning.usage().orElseThrow().outputTokensDetails().reasoningTokens()).isEqualTo(192);
    }

    @Test
    void sdkParsesAChatAnswerTranslatedToResponses() throws Exception {
        var chat = new OpenAiChatCodec().decodeResponse(bytes("openai/response-tool-calls.json"));
        Response r = SDK.readValue(codec.encodeResponse(chat, request), Response.class).validate();
        List<ResponseFunctionToolCall> calls = r.output().stream().map(ResponseOutputItem::asFunctionCall).toList();
        assertThat(calls).extracting(ResponseFunctionToolCall::callId).containsExactly("call_abc123", "call_def456");
        assertThat(calls.get(1).arguments()).isEqualTo("{\"location\": \"Paris, France\"}");
    }

    @Test
    void sdkAccumulatesTranslatedStreams() throws Exception {
        for (String fixture : List.of("openai/stream-text.sse", "openai/stream-tool-calls.sse", "openai/stream-deepseek-reasoning.sse",
                "responses/stream-reasoning.sse", "responses/stream-function-call.sse")) {
            var decoder = fixture.startsWith("openai/") ? new OpenAiChatCodec().newStreamDecoder() : codec.newStreamDecoder();
            List<StreamEvent> events = decode(decoder, sse(text(fixture)));
            Response done = accumulate(encode(codec.newStreamEncoder(request), events), fixture);
            StreamEvent.Finish finish = (StreamEvent.Finish) events.getLast();
            assertThat(done.usage().orElseThrow().inputTokens()).as(fixture).isEqualTo(finish.usage().input());
            assertThat(done.output()).as(fixture).isNotEmpty();
        }
    }

    @Test
    void sdkSeesTheToolCallArgumentsOfAStream() throws Exception {
        List<StreamEvent> events = decode(new OpenAiChatCodec().newStreamDecoder(), sse(text("openai/stream-tool-calls.sse")));
        Response done = accumulate(encode(codec.newStreamEncoder(request), events), "tool calls");
        assertThat(done.output()).extracting(o -> o.asFunctionCall().arguments())
                .containsExactly("{\"location\": \"Boston, MA\"}", "{\"location\": \"Paris, France\"}");
    }

    @Test
    void sdkParsesTheFailureEvent() throws Exception {
        String out = encode(codec.newStreamEncoder(request), List.of(new StreamEvent.Start("c1", "m", 5, Usage.NONE),
                StreamEvent.BlockStart.text(0), new StreamEvent.TextDelta(0, "par"),
                new StreamEvent.Error(ErrorKind.RATE_LIMITED, "slow down", Usage.NONE)));
        List<SseEvent> events = sse(out);
        ResponseStreamEvent last = SDK.readValue(events.getLast().data(), ResponseStreamEvent.class).validate();
        assertThat(last.isFailed()).isTrue();
        assertThat(last.asFailed().response().error().orElseThrow().message()).isEqualTo("slow down");
        assertThat(events.getLast().event()).isEqualTo("response.failed");
    }

    /**
     * Valid SDK request bodies, but for one deliberate deviation: replayed reasoning items carry no
     * {@code id}. The SDK's schema marks it required, yet with {@code store: false} OpenAI looks an id
     * up in storage and fails ("Item with id 'rs_…' not found"), while the encrypted content alone
     * carries the reasoning; that is what stateless clients send.
     */
    @Test
    void encodedRequestsAreValidSdkRequestBodies() throws Exception {
        for (String name : List.of("request-basic", "request-items")) {
            ChatRequest r = codec.decodeRequest(bytes("responses/" + name + ".json"), null, false);
            ObjectNode body = (ObjectNode) SDK.readTree(codec.encodeRequest(r, new Dropped()));
            ArrayNode input = (ArrayNode) body.get("input");
            for (int i = input.size() - 1; i >= 0; i--) {
                if (input.get(i).path("type").asText().equals("reasoning")) {
                    assertThat(input.get(i).path("encrypted_content").isTextual()).isTrue();
                    assertThat(input.get(i).has("id")).isFalse();
                    input.remove(i);
                }
            }
            ResponseCreateParams.Body parsed = SDK.treeToValue(body, ResponseCreateParams.Body.class).validate();
            assertThat(parsed.input().orElseThrow().asResponse()).as(name).hasSize(input.size());
        }
    }

    @Test
    void decoderReadsWhatTheSdkSends() throws Exception {
        ResponseCreateParams params = ResponseCreateParams.builder()
                .model(ChatModel.O4_MINI)
                .instructions("Be brief.")
                .input("Weather in Oslo?")
                .maxOutputTokens(256)
                .reasoning(Reasoning.builder().effort(ReasoningEffort.HIGH).summary(Reasoning.Summary.AUTO).build())
                .addTool(FunctionTool.builder().name("get_weather").strict(false)
                        .parameters(FunctionTool.Parameters.builder().putAdditionalProperty("type", JsonValue.from("object")).build())
                        .build())
                .store(false)
                .build();
        ChatRequest r = codec.decodeRequest(SDK.writeValueAsBytes(params._body()), null, false);
        assertThat(r.model()).isEqualTo("o4-mini");
        assertThat(r.systemText()).isEqualTo("Be brief.");
        assertThat(r.messages().get(0).parts()).containsExactly(new Part.Text("Weather in Oslo?"));
        assertThat(r.maxTokens()).isEqualTo(256);
        assertThat(r.reasoning()).isEqualTo(new dev.switchboard.model.chat.Reasoning(true, "high", null, true));
        assertThat(r.tools().get(0).strict()).isFalse();
        assertThat(r.extras()).containsEntry("store", "false");
    }

    /** Feeds every event through the SDK's parser and accumulator; the accumulator checks item and content indexes. */
    private static Response accumulate(String sseText, String what) throws Exception {
        ResponseAccumulator acc = ResponseAccumulator.createWithSnapshots();
        List<Long> sequence = new ArrayList<>();
        for (SseEvent e : sse(sseText)) {
            ResponseStreamEvent event = SDK.readValue(e.data(), ResponseStreamEvent.class).validate();
            acc.accumulate(event);
            sequence.add(SDK.readTree(e.data()).path("sequence_number").asLong(-1));
            assertThat(SDK.readTree(e.data()).path("type").asText()).as(what).isEqualTo(e.event());
        }
        for (int i = 0; i < sequence.size(); i++) {
            assertThat(sequence.get(i)).as(what + " sequence_number").isEqualTo(i);
        }
        Response rebuilt = acc.reconstructedResponse();
        assertThat(rebuilt.output()).as(what).isEqualTo(acc.response().output());
        return acc.response();
    }
}
