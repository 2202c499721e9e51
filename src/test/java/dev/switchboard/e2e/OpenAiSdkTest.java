package dev.switchboard.e2e;

import static dev.switchboard.testkit.FakeUpstream.CACHED_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.COMPLETION_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.PROMPT_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.REASONING_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.models.Model;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import dev.switchboard.testkit.FakeAnswers;
import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.GatewayTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK (with its own OkHttp client) against the real gateway in front of the
 * fake upstream: what a real client application sees, parsed by the SDK's own models.
 */
class OpenAiSdkTest {
    static FakeUpstream fake;
    static GatewayTest gw;
    static OpenAIClient client;

    @BeforeAll
    static void up() {
        fake = FakeUpstream.start();
        gw = GatewayTest.withFake(fake);
        client = SdkClients.client(gw, GatewayTest.KEY);
    }

    @AfterAll
    static void down() {
        client.close();
        gw.close();
        fake.close();
    }

    @BeforeEach
    void clean() {
        fake.reset();
    }

    private static ChatCompletionCreateParams.Builder chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("What is the weather in Paris?");
    }

    static ChatCompletionCreateParams.Builder withWeatherTool(ChatCompletionCreateParams.Builder b) {
        return b.addFunctionTool(FunctionDefinition.builder()
                .name("get_weather")
                .description("Current weather of a city")
                .parameters(FunctionParameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build());
    }

    private static void assertFakeChatUsage(CompletionUsage usage) {
        assertThat(usage.promptTokens()).isEqualTo(PROMPT_TOKENS);
        assertThat(usage.completionTokens()).isEqualTo(COMPLETION_TOKENS);
        assertThat(usage.totalTokens()).isEqualTo(PROMPT_TOKENS + COMPLETION_TOKENS);
        assertThat(usage.promptTokensDetails()).get()
                .satisfies(d -> assertThat(d.cachedTokens()).hasValue(CACHED_TOKENS));
        assertThat(usage.completionTokensDetails()).get()
                .satisfies(d -> assertThat(d.reasoningTokens()).hasValue(REASONING_TOKENS));
    }

    /** Everything the SDK got from one streamed chat, read to the end. */
    private record Streamed(List<ChatCompletionChunk> chunks, String text) {
        List<CompletionUsage> usages() {
            return chunks.stream().flatMap(c -> c.usage().stream()).toList();
        }
    }

    private static Streamed stream(ChatCompletionCreateParams params) {
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(params)) {
            s.stream().forEach(c -> {
                chunks.add(c);
                c.choices().forEach(choice -> choice.delta().content().ifPresent(text::append));
            });
        }
        return new Streamed(chunks, text.toString());
    }

    @Test
    void chatCompletionCarriesContentFinishReasonAndTheUpstreamUsage() {
        ChatCompletion completion = client.chat().completions().create(chat("fake-model").build());

        assertThat(completion.choices()).hasSize(1);
        ChatCompletion.Choice choice = completion.choices().get(0);
        assertThat(choice.message().content()).hasValue(FakeAnswers.TEXT);
        assertThat(choice.message().toolCalls()).isEmpty();
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(completion.usage()).get().satisfies(OpenAiSdkTest::assertFakeChatUsage);
        assertThat(completion.model()).isEqualTo("upstream-model"); // the upstream's answer, unchanged
        assertThat(fake.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v1/chat/completions");
            assertThat(r.json().path("model").asText()).isEqualTo("upstream-model");
            assertThat(r.json().path("messages").path(0).path("content").asText()).isEqualTo("What is the weather in Paris?");
        });
    }

    @Test
    void streamingChatWithIncludeUsageEndsWithTheUpstreamUsageChunk() {
        Streamed s = stream(chat("fake-model")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build());

        assertThat(s.text()).isEqualTo(FakeAnswers.TEXT);
        assertThat(s.usages()).singleElement().satisfies(OpenAiSdkTest::assertFakeChatUsage);
        ChatCompletionChunk last = s.chunks().get(s.chunks().size() - 1);
        assertThat(last.choices()).isEmpty();
        assertThat(last.usage()).isPresent();
        assertThat(s.chunks()).flatMap(ChatCompletionChunk::choices)
                .anySatisfy(c -> assertThat(c.finishReason()).hasValue(ChatCompletionChunk.Choice.FinishReason.STOP));
        assertThat(fake.requests()).singleElement()
                .satisfies(r -> assertThat(r.json().path("stream_options").path("include_usage").asBoolean()).isTrue());
    }

    @Test
    void streamingChatWithoutIncludeUsageGetsTheWholeTextAndNoUsageChunk() {
        Streamed s = stream(chat("fake-model").build());

        assertThat(s.text()).isEqualTo(FakeAnswers.TEXT);
        assertThat(s.usages()).isEmpty();
        assertThat(s.chunks()).allSatisfy(c -> assertThat(c.choices()).isNotEmpty());
        assertThat(s.chunks()).flatMap(ChatCompletionChunk::choices)
                .anySatisfy(c -> assertThat(c.finishReason()).hasValue(ChatCompletionChunk.Choice.FinishReason.STOP));
        // the gateway asked upstream for usage on the client's behalf (for its own accounting)
        JsonNode sent = fake.requests().get(0).json();
        assertThat(sent.path("stream").asBoolean()).isTrue();
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
    }

    @Test
    void toolCallRoundTripEndsInAPlainAnswer() {
        ChatCompletion first = client.chat().completions().create(withWeatherTool(chat("fake-model")).build());

        ChatCompletion.Choice choice = first.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessage assistant = choice.message();
        assertThat(assistant.content()).isEmpty();
        assertThat(assistant.toolCalls().orElseThrow()).hasSize(1);
        ChatCompletionMessageFunctionToolCall call = assistant.toolCalls().get().get(0).asFunction();
        assertThat(call.id()).isEqualTo("call_fake_1");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
        JsonNode firstSent = fake.requests().get(0).json();
        assertThat(firstSent.path("tools").path(0).path("function").path("name").asText()).isEqualTo("get_weather");
        assertThat(firstSent.path("tools").path(0).path("function").path("parameters").path("required").path(0).asText())
                .isEqualTo("city");

        ChatCompletion second = client.chat().completions().create(withWeatherTool(chat("fake-model"))
                .addMessage(assistant)
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("18C and sunny").build())
                .build());

        assertThat(second.choices().get(0).message().content()).hasValue(FakeAnswers.TEXT);
        assertThat(second.choices().get(0).message().toolCalls()).isEmpty();
        assertThat(second.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        JsonNode messages = fake.requests().get(1).json().path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.path(1).path("role").asText()).isEqualTo("assistant");
        assertThat(messages.path(1).path("tool_calls").path(0).path("id").asText()).isEqualTo("call_fake_1");
        assertThat(messages.path(1).path("tool_calls").path(0).path("function").path("arguments").asText())
                .isEqualTo("{\"city\":\"Paris\"}");
        assertThat(messages.path(2).path("role").asText()).isEqualTo("tool");
        assertThat(messages.path(2).path("tool_call_id").asText()).isEqualTo("call_fake_1");
        assertThat(messages.path(2).path("content").asText()).isEqualTo("18C and sunny");
    }

    @Test
    void streamedToolCallArgumentFragmentsAccumulateToTheFullJson() {
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        StringBuilder fragments = new StringBuilder();
        int fragmentCount = 0;
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions()
                .createStreaming(withWeatherTool(chat("fake-model")).build())) {
            for (ChatCompletionChunk c : (Iterable<ChatCompletionChunk>) s.stream()::iterator) {
                acc.accumulate(c);
                for (ChatCompletionChunk.Choice choice : c.choices()) {
                    for (ChatCompletionChunk.Choice.Delta.ToolCall tc : choice.delta().toolCalls().orElse(List.of())) {
                        assertThat(tc.index()).isZero();
                        String part = tc.function().flatMap(f -> f.arguments()).orElse("");
                        if (!part.isEmpty()) {
                            fragmentCount++;
                            fragments.append(part);
                        }
                    }
                }
            }
        }
        assertThat(fragmentCount).isEqualTo(2); // the fake sends the arguments in two pieces
        assertThat(fragments.toString()).isEqualTo("{\"city\":\"Paris\"}");

        ChatCompletion whole = acc.chatCompletion();
        ChatCompletion.Choice choice = whole.choices().get(0);
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().get(0).asFunction();
        assertThat(call.id()).isEqualTo("call_fake_1");
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(whole.usage()).isEmpty(); // not asked for by the client, so withheld
    }

    @Test
    void responsesCreateReturnsOutputTextAndUsage() {
        Response response = client.responses().create(ResponseCreateParams.builder().model("fake-model").input("hi").build());

        List<String> texts = response.output().stream()
                .flatMap(item -> item.message().stream())
                .flatMap(m -> m.content().stream())
                .flatMap(c -> c.outputText().stream())
                .map(ResponseOutputText::text)
                .toList();
        assertThat(texts).containsExactly(FakeAnswers.TEXT);
        assertThat(response.usage()).get().satisfies(OpenAiSdkTest::assertFakeResponseUsage);
        assertThat(fake.requests()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/v1/responses");
            assertThat(r.json().path("model").asText()).isEqualTo("upstream-model");
            assertThat(r.json().path("input").asText()).isEqualTo("hi");
        });
    }

    private static void assertFakeResponseUsage(ResponseUsage u) {
        assertThat(u.inputTokens()).isEqualTo(PROMPT_TOKENS);
        assertThat(u.outputTokens()).isEqualTo(COMPLETION_TOKENS);
        assertThat(u.totalTokens()).isEqualTo(PROMPT_TOKENS + COMPLETION_TOKENS);
        assertThat(u.inputTokensDetails().cachedTokens()).isEqualTo(CACHED_TOKENS);
        assertThat(u.outputTokensDetails().reasoningTokens()).isEqualTo(REASONING_TOKENS);
    }

    @Test
    void responsesStreamDeliversTextDeltasAndACompletedEvent() {
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> s = client.responses()
                .createStreaming(ResponseCreateParams.builder().model("fake-model").input("hi").build())) {
            s.stream().forEach(events::add);
        }

        assertThat(events).hasSize(3);
        assertThat(events.get(0).isCreated()).isTrue();
        String text = events.stream().filter(ResponseStreamEvent::isOutputTextDelta)
                .map(e -> e.asOutputTextDelta().delta()).reduce("", String::concat);
        assertThat(text).isEqualTo(FakeAnswers.TEXT);
        ResponseStreamEvent last = events.get(events.size() - 1);
        assertThat(last.isCompleted()).isTrue();
        Response done = last.asCompleted().response();
        assertThat(done.id()).isEqualTo("resp_fake");
        assertThat(done.usage()).get().satisfies(OpenAiSdkTest::assertFakeResponseUsage);
        assertThat(fake.requests().get(0).json().path("stream").asBoolean()).isTrue();
        // the gateway adds no usage request to the Responses API: it always reports usage at the end
        assertThat(fake.requests().get(0).json().has("stream_options")).isFalse();
    }

    @Test
    void embeddingsForTwoInputsGiveTwoVectorsAndUsage() {
        CreateEmbeddingResponse r = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("fake-model").inputOfArrayOfStrings(List.of("first text", "second text")).build());

        assertThat(r.data()).extracting(Embedding::index).containsExactly(0L, 1L);
        assertThat(r.data()).allSatisfy(e -> assertThat(e.embedding())
                .containsExactly(0.0023064255f, -0.009327292f, 0.015797347f));
        assertThat(r.usage().promptTokens()).isEqualTo(PROMPT_TOKENS);
        assertThat(r.usage().totalTokens()).isEqualTo(PROMPT_TOKENS);
        assertThat(fake.requests()).singleElement().satisfies(req -> {
            assertThat(req.path()).isEqualTo("/v1/embeddings");
            assertThat(req.json().path("model").asText()).isEqualTo("upstream-model");
            assertThat(req.json().path("input")).hasSize(2);
        });
    }

    @Test
    void modelsListShowsTheKeysAliasesAndRetrieveWorks() {
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();
        assertThat(ids).contains("fake-model", "echo");

        Model echo = client.models().retrieve("echo");
        assertThat(echo.id()).isEqualTo("echo");
        assertThat(echo.ownedBy()).isNotBlank();
        // ids from the list contain slashes; the SDK percent-encodes them
        assertThat(client.models().retrieve("demo/echo-1").ownedBy()).isEqualTo("demo");

        OpenAIClient narrow = SdkClients.client(gw, GatewayTest.NARROW_KEY);
        try {
            List<String> narrowIds = narrow.models().list().data().stream().map(Model::id).toList();
            assertThat(narrowIds).contains("echo").doesNotContain("fake-model");
            assertThat(narrow.models().retrieve("echo").id()).isEqualTo("echo");
        } finally {
            narrow.close();
        }
    }

    @Test
    void mockProviderEchoesTheUserMessageWithUsage() {
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("echo").addUserMessage("hello there").build());

        assertThat(c.choices().get(0).message().content()).hasValue("Echo: hello there");
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        CompletionUsage u = c.usage().orElseThrow();
        assertThat(u.completionTokens()).isEqualTo(3); // "Echo:", " hello", " there"
        assertThat(u.promptTokens()).isPositive();
        assertThat(u.totalTokens()).isEqualTo(u.promptTokens() + u.completionTokens());
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void mockProviderStreamsTheEchoWithUsage() {
        Streamed s = stream(ChatCompletionCreateParams.builder().model("echo").addUserMessage("hello there")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build());

        assertThat(s.text()).isEqualTo("Echo: hello there");
        assertThat(s.usages()).singleElement().satisfies(u -> {
            assertThat(u.completionTokens()).isEqualTo(3);
            assertThat(u.promptTokens()).isPositive();
            assertThat(u.totalTokens()).isEqualTo(u.promptTokens() + u.completionTokens());
        });
        assertThat(fake.requests()).isEmpty();

        Streamed plain = stream(ChatCompletionCreateParams.builder().model("echo").addUserMessage("hello there").build());
        assertThat(plain.text()).isEqualTo("Echo: hello there");
        assertThat(plain.usages()).isEmpty();
    }
}
