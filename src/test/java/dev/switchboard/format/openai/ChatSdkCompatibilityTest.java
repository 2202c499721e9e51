package dev.switchboard.format.openai;

import static dev.switchboard.format.openai.CodecFixtures.bytes;
import static dev.switchboard.format.openai.CodecFixtures.decode;
import static dev.switchboard.format.openai.CodecFixtures.encode;
import static dev.switchboard.format.openai.CodecFixtures.sse;
import static dev.switchboard.format.openai.CodecFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.openai.core.ObjectMappers;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.ChatModel;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.core.JsonValue;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import dev.switchboard.format.Dropped;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Reasoning;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the Chat Completions encoders write, read back by the official openai-java SDK's own model
 * classes (and its stream accumulator), and what the SDK writes, read by the decoder.
 */
class ChatSdkCompatibilityTest {
    private static final JsonMapper SDK = ObjectMappers.jsonMapper();
    private final OpenAiChatCodec codec = new OpenAiChatCodec();
    private final ChatRequest anyRequest = codec.decodeRequest("{\"model\":\"m\",\"messages\":[]}".getBytes(), null, false);

    @Test
    void sdkParsesAWholeAnswerWithParallelToolCalls() throws Exception {
        ChatResponse canonical = codec.decodeResponse(bytes("openai/response-tool-calls.json"));
        ChatCompletion completion = SDK.readValue(codec.encodeResponse(canonical, anyRequest), ChatCompletion.class).validate();
        assertThat(completion.id()).isEqualTo("chatcmpl-abc123");
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        List<ChatCompletionMessageFunctionToolCall> calls = choice.message().toolCalls().orElseThrow().stream()
                .map(c -> c.asFunction()).toList();
        assertThat(calls).extracting(ChatCompletionMessageFunctionToolCall::id).containsExactly("call_abc123", "call_def456");
        assertThat(calls.get(1).function().arguments()).isEqualTo("{\"location\": \"Paris, France\"}");
        assertThat(completion.usage().orElseThrow().totalTokens()).isEqualTo(99);
    }

    @Test
    void sdkParsesTextRefusalAndCachedTokens() throws Exception {
        ChatCompletion text = SDK.readValue(codec.encodeResponse(codec.decodeResponse(bytes("openai/response-text.json")),
                anyRequest), ChatCompletion.class).validate();
        assertThat(text.choices().get(0).message().content()).hasValue(
                "The image shows a wooden boardwalk path running through a lush green field or meadow.");
        assertThat(text.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens()).hasValue(1024L);
        ChatCompletion refusal = SDK.readValue(codec.encodeResponse(codec.decodeResponse(bytes("openai/response-refusal.json")),
                anyRequest), ChatCompletion.class).validate();
        assertThat(refusal.choices().get(0).message().refusal()).hasValue("I'm sorry, I cannot assist with that request.");
    }

    @Test
    void sdkAccumulatesTheStreamIntoTheSameAnswer() throws Exception {
        List<StreamEvent> events = decode(codec.newStreamDecoder(), sse(text("openai/stream-tool-calls.sse")));
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        int usageChunks = 0;
        for (SseEvent e : sse(encode(new OpenAiChatStreamEncoder(true), events))) {
            if (e.isDone()) {
                continue;
            }
            ChatCompletionChunk chunk = SDK.readValue(e.data(), ChatCompletionChunk.class).validate();
            usageChunks += chunk.usage().isPresent() ? 1 : 0;
            acc.accumulate(chunk);
        }
        assertThat(usageChunks).isEqualTo(1);
        ChatCompletion done = acc.chatCompletion();
        List<ChatCompletionMessageFunctionToolCall> calls = done.choices().get(0).message().toolCalls().orElseThrow().stream()
                .map(c -> c.asFunction()).toList();
        assertThat(calls).extracting(c -> c.function().arguments())
                .containsExactly("{\"location\": \"Boston, MA\"}", "{\"location\": \"Paris, France\"}");
        assertThat(done.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertThat(done.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens()).hasValue(64L);
    }

    @Test
    void sdkAccumulatesATextStream() throws Exception {
        List<StreamEvent> events = decode(codec.newStreamDecoder(), sse(text("openai/stream-deepseek-reasoning.sse")));
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        for (SseEvent e : sse(encode(new OpenAiChatStreamEncoder(false), events))) {
            if (!e.isDone()) {
                acc.accumulate(SDK.readValue(e.data(), ChatCompletionChunk.class).validate());
            }
        }
        assertThat(acc.chatCompletion().choices().get(0).message().content()).hasValue("9.8 is greater than 9.11.");
    }

    @Test
    void encodedRequestsAreValidSdkRequestBodies() throws Exception {
        for (String name : List.of("request-multi-turn", "request-tools", "request-multimodal", "request-reasoning")) {
            ChatRequest r = codec.decodeRequest(bytes("openai/" + name + ".json"), null, false);
            ChatCompletionCreateParams.Body body = SDK.readValue(codec.encodeRequest(r, new Dropped()),
                    ChatCompletionCreateParams.Body.class).validate();
            assertThat(body.messages()).as(name).hasSize(r.messages().size() + (r.system().isEmpty() ? 0 : 1));
        }
    }

    @Test
    void decoderReadsWhatTheSdkSends() throws Exception {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(ChatModel.GPT_4_1)
                .addDeveloperMessage("Be brief.")
                .addUserMessage("Weather in Oslo?")
                .maxCompletionTokens(128)
                .temperature(0.2)
                .reasoningEffort(ReasoningEffort.LOW)
                .addTool(ChatCompletionFunctionTool.builder().function(FunctionDefinition.builder()
                        .name("get_weather")
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .build())
                        .build()).build())
                .putAdditionalBodyProperty("store", JsonValue.from(true))
                .build();
        ChatRequest r = codec.decodeRequest(SDK.writeValueAsBytes(params._body()), null, false);
        assertThat(r.model()).isEqualTo("gpt-4.1");
        assertThat(r.systemText()).isEqualTo("Be brief.");
        assertThat(r.messages().get(0).parts()).containsExactly(new Part.Text("Weather in Oslo?"));
        assertThat(r.maxTokens()).isEqualTo(128);
        assertThat(r.sampling().temperature()).isEqualTo(0.2);
        assertThat(r.reasoning()).isEqualTo(new Reasoning(true, "low", null, null));
        assertThat(r.tools().get(0).name()).isEqualTo("get_weather");
        assertThat(r.extras()).isEqualTo(Map.of("store", "true"));
    }
}
