package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletion.Choice.FinishReason;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import dev.switchboard.model.Usage;
import dev.switchboard.testkit.FakeAnswers;
import dev.switchboard.testkit.FakeContent;
import dev.switchboard.testkit.GatewayTest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SDK matrix, OpenAI Chat Completions row: the official openai-java client against the real gateway,
 * routed to a provider of each format on the fake upstream. Same format is a byte passthrough; Anthropic
 * and Gemini providers are reached through the canonical model.
 */
class ChatSdkMatrixTest extends SdkMatrix {
    static OpenAIClient client;

    @BeforeAll
    static void up() {
        client = SdkClients.client(bed.gw, GatewayTest.KEY);
    }

    @AfterAll
    static void down() {
        client.close();
    }

    private static ChatCompletionCreateParams.Builder ask(Upstream u) {
        return ChatCompletionCreateParams.builder().model(u.model()).addUserMessage("What is the weather in Paris?");
    }

    private static ChatCompletionCreateParams.Builder withTool(ChatCompletionCreateParams.Builder b) {
        return OpenAiSdkTest.withWeatherTool(b);
    }

    /** Chat usage is canonical usage: prompt tokens count the cached ones, reasoning is part of the completion. */
    static void assertUsage(CompletionUsage usage, Upstream u) {
        Usage want = u.reported();
        assertThat(usage.promptTokens()).isEqualTo(want.input());
        assertThat(usage.completionTokens()).isEqualTo(want.output());
        assertThat(usage.totalTokens()).isEqualTo(want.input() + want.output());
        assertThat(usage.promptTokensDetails().flatMap(d -> d.cachedTokens())).hasValue(want.cacheRead());
        assertThat(usage.completionTokensDetails().flatMap(d -> d.reasoningTokens())).hasValue(want.reasoning());
    }

    private static ChatCompletion accumulate(ChatCompletionCreateParams params) {
        ChatCompletionAccumulator acc = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> s = client.chat().completions().createStreaming(params)) {
            s.stream().forEach(acc::accumulate);
        }
        return acc.chatCompletion();
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void text(Upstream u) {
        ChatCompletion c = client.chat().completions().create(ask(u).build());

        assertThat(c.choices()).singleElement().satisfies(choice -> {
            assertThat(choice.message().content()).hasValue(FakeAnswers.TEXT);
            assertThat(choice.message().toolCalls()).isEmpty();
            assertThat(choice.finishReason()).isEqualTo(FinishReason.STOP);
        });
        assertUsage(c.usage().orElseThrow(), u);
        assertThat(bed.only().dialect()).isEqualTo(u.dialect);
        assertThat(bed.only().body() + bed.only().path()).contains(u.upstreamModel);
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void systemPromptArrivesInTheProvidersOwnField(Upstream u) {
        client.chat().completions().create(ask(u).addSystemMessage("Answer in one sentence.").build());

        assertThat(new Sent(bed.only()).system()).isEqualTo("Answer in one sentence.");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void multiTurnKeepsEveryTurnInOrder(Upstream u) {
        ChatCompletion c = client.chat().completions().create(ask(u).addAssistantMessage("Sunny, 21 degrees.")
                .addUserMessage("And tomorrow?").build());

        assertThat(c.choices().getFirst().message().content()).hasValue(FakeAnswers.TEXT);
        Sent sent = new Sent(bed.only());
        String model = u == Upstream.GEMINI ? "model" : "assistant";
        assertThat(sent.roles()).containsExactly("user", model, "user");
        assertThat(sent.texts()).containsExactly("What is the weather in Paris?", "Sunny, 21 degrees.", "And tomorrow?");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamingWithUsage(Upstream u) {
        ChatCompletion c = accumulate(ask(u)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build());

        assertThat(c.choices().getFirst().message().content()).hasValue(FakeAnswers.TEXT);
        assertThat(c.choices().getFirst().finishReason()).isEqualTo(FinishReason.STOP);
        assertUsage(c.usage().orElseThrow(), u);
        bed.assertOneStreamedRequest(u);
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamingWithoutUsageWithholdsIt(Upstream u) {
        ChatCompletion c = accumulate(ask(u).build());

        assertThat(c.choices().getFirst().message().content()).hasValue(FakeAnswers.TEXT);
        assertThat(c.usage()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void toolCallAndResultRoundTrip(Upstream u) {
        ChatCompletion first = client.chat().completions().create(withTool(ask(u)).build());

        ChatCompletion.Choice choice = first.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        ChatCompletionMessage assistant = choice.message();
        ChatCompletionMessageFunctionToolCall call = assistant.toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo(FakeContent.TOOL_ARGS);
        assertThat(call.id()).isNotBlank();
        bed.fake.reset();

        ChatCompletion second = client.chat().completions().create(withTool(ask(u)).addMessage(assistant)
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(call.id()).content("18C and sunny").build())
                .build());

        assertThat(second.choices().getFirst().message().content()).hasValue(FakeAnswers.TEXT);
        assertThat(second.choices().getFirst().finishReason()).isEqualTo(FinishReason.STOP);
        Sent sent = new Sent(bed.only());
        assertThat(sent.call().name()).isEqualTo("get_weather");
        assertThat(sent.call().args().toString()).isEqualTo(FakeContent.TOOL_ARGS);
        assertThat(sent.result().text()).contains("18C and sunny");
        assertThat(sent.result().answers()).isEqualTo(u == Upstream.GEMINI ? "get_weather" : call.id());
        assertCallWentBackAsMade(u, call.id(), sent.call());
    }

    /**
     * A tool loop Gemini began may go on at another provider (a failover, a model switch). The signature in
     * the call's id is the gateway's own doing, so the others get the call's own id: OpenAI, which takes
     * ids of at most 40 characters (the fake too), in the client's otherwise untouched bytes.
     */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void aToolLoopGeminiBeganGoesOnAtAnyProvider(Upstream u) {
        ChatCompletionMessage assistant = client.chat().completions().create(withTool(ask(Upstream.GEMINI)).build())
                .choices().getFirst().message();
        String id = assistant.toolCalls().orElseThrow().getFirst().asFunction().id();
        bed.fake.reset();

        ChatCompletion second = client.chat().completions().create(withTool(ask(u)).addMessage(assistant)
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(id).content("18C and sunny").build())
                .build());

        assertThat(second.choices().getFirst().message().content()).hasValue(FakeAnswers.TEXT);
        Sent.Call sent = new Sent(bed.only()).call();
        if (u == Upstream.GEMINI) {
            assertCallWentBackAsMade(u, id, sent);
        } else {
            assertThat(id).startsWith(sent.id() + "__thsig_b");
            assertThat(sent.id()).hasSizeLessThanOrEqualTo(40);
        }
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamedToolCallArgumentsAssemble(Upstream u) {
        ChatCompletion c = accumulate(withTool(ask(u)).build());

        ChatCompletion.Choice choice = c.choices().getFirst();
        assertThat(choice.finishReason()).isEqualTo(FinishReason.TOOL_CALLS);
        ChatCompletionMessageFunctionToolCall call = choice.message().toolCalls().orElseThrow().getFirst().asFunction();
        assertThat(call.function().name()).isEqualTo("get_weather");
        assertThat(call.function().arguments()).isEqualTo(FakeContent.TOOL_ARGS);
    }

    /** A streamed call goes back as the accumulated message has it, signed id and all. */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamedToolCallAndResultRoundTrip(Upstream u) {
        ChatCompletionMessage assistant = accumulate(withTool(ask(u)).build()).choices().getFirst().message();
        String id = assistant.toolCalls().orElseThrow().getFirst().asFunction().id();
        bed.fake.reset();

        ChatCompletion second = accumulate(withTool(ask(u)).addMessage(assistant)
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(id).content("18C and sunny").build())
                .build());

        assertThat(second.choices().getFirst().message().content()).hasValue(FakeAnswers.TEXT);
        assertCallWentBackAsMade(u, id, new Sent(bed.only()).call());
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void stopSequenceCutsTheTextAndStopsNormally(Upstream u) {
        ChatCompletion c = client.chat().completions().create(ask(u).stop("fake").build());

        assertThat(c.choices().getFirst().message().content()).hasValue("Hello from the ");
        assertThat(c.choices().getFirst().finishReason()).isEqualTo(FinishReason.STOP);
        JsonNode sent = bed.only().json();
        JsonNode stops = switch (u) {
            case OPENAI -> sent.path("stop");
            case ANTHROPIC -> sent.path("stop_sequences");
            case GEMINI -> sent.path("generationConfig").path("stopSequences");
        };
        assertThat(stops.isArray() ? stops.path(0).asText() : stops.asText()).isEqualTo("fake");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void maxTokensEndsWithLength(Upstream u) {
        ChatCompletion whole = client.chat().completions().create(ask(u).maxCompletionTokens(3).build());
        ChatCompletion streamed = accumulate(ask(u).maxCompletionTokens(3).build());

        for (ChatCompletion c : List.of(whole, streamed)) {
            assertThat(c.choices().getFirst().message().content()).hasValue("Hello from the");
            assertThat(c.choices().getFirst().finishReason()).isEqualTo(FinishReason.LENGTH);
        }
    }

    /**
     * Reasoning effort becomes each provider's thinking setting. Chat Completions has no field for the
     * reasoning itself, so Anthropic's thinking block is left out of the answer (its tokens stay in usage).
     */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void reasoningEffortBecomesTheProvidersThinkingSetting(Upstream u) {
        ChatCompletion c = client.chat().completions().create(ask(u).reasoningEffort(ReasoningEffort.LOW).build());

        assertThat(c.choices().getFirst().message().content()).hasValue(FakeAnswers.TEXT);
        JsonNode sent = bed.only().json();
        switch (u) {
            case OPENAI -> assertThat(sent.path("reasoning_effort").asText()).isEqualTo("low");
            case ANTHROPIC -> {
                assertThat(sent.path("thinking").path("type").asText()).isEqualTo("enabled");
                assertThat(sent.path("thinking").path("budget_tokens").asInt()).isEqualTo(2048);
            }
            case GEMINI -> assertThat(sent.path("generationConfig").path("thinkingConfig").path("thinkingBudget").asInt())
                    .isEqualTo(2048);
        }
    }

    /**
     * A Chat client cannot send Anthropic's thinking back, which Anthropic requires before the tool results
     * of a thinking turn: its 400 makes the gateway retry once without thinking, and the client never
     * sees the problem.
     */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void reasoningWithToolsSurvivesTheSecondTurn(Upstream u) {
        ChatCompletionCreateParams.Builder ask = withTool(ask(u)).reasoningEffort(ReasoningEffort.LOW);
        ChatCompletionMessage assistant = client.chat().completions().create(ask.build()).choices().getFirst().message();
        String id = assistant.toolCalls().orElseThrow().getFirst().asFunction().id();
        bed.fake.reset();

        ChatCompletion second = client.chat().completions().create(ask.addMessage(assistant)
                .addMessage(ChatCompletionToolMessageParam.builder().toolCallId(id).content("18C and sunny").build()).build());

        assertThat(second.choices().getFirst().message().content()).hasValue(FakeAnswers.TEXT);
        if (u == Upstream.ANTHROPIC) {
            assertThat(bed.fake.requests()).hasSize(2);
            assertThat(bed.fake.requests().get(0).json().has("thinking")).isTrue();
            assertThat(bed.last().json().has("thinking")).isFalse();
        } else {
            assertThat(bed.fake.requests()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void fieldsWithoutAnEquivalentAreNamedInTheDroppedHeader(Upstream u) {
        HttpResponseFor<ChatCompletion> r = client.chat().completions().withRawResponse()
                .create(ask(u).presencePenalty(0.5).frequencyPenalty(0.5).build());

        assertThat(r.parse().choices().getFirst().message().content()).hasValue(FakeAnswers.TEXT);
        List<String> dropped = r.headers().values("x-switchboard-dropped");
        if (u == Upstream.ANTHROPIC) {
            assertThat(dropped).singleElement().isEqualTo("presence_penalty, frequency_penalty");
        } else {
            assertThat(dropped).isEmpty();
        }
    }

    /** The openai-java exception for an upstream status of the matrix (Chat and Responses share them). */
    static Class<? extends OpenAIServiceException> openAiException(int status) {
        return switch (status) {
            case 400 -> BadRequestException.class;
            case 401 -> UnauthorizedException.class;
            default -> RateLimitException.class;
        };
    }

    /**
     * Chat's web search ({@code web_search_options}) runs only at OpenAI: an OpenAI provider gets it as sent;
     * any other format refuses the request with a 400 naming the field, and is never called.
     */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void webSearchReachesOnlyOpenAi(Upstream u) {
        ChatCompletionCreateParams params = ask(u).webSearchOptions(ChatCompletionCreateParams.WebSearchOptions.builder()
                .searchContextSize(ChatCompletionCreateParams.WebSearchOptions.SearchContextSize.LOW).build()).build();
        if (u == Upstream.OPENAI) {
            client.chat().completions().create(params);
            assertThat(bed.only().json().path("web_search_options").path("search_context_size").asText()).isEqualTo("low");
            return;
        }
        BadRequestException e = catchThrowableOfType(BadRequestException.class,
                () -> client.chat().completions().create(params));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).contains("web_search_options is not supported by provider format " + u.format);
        assertThat(e.param()).hasValue("web_search_options");
        assertThat(bed.fake.requests()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} stream={2}")
    @MethodSource("dev.switchboard.e2e.MatrixBed#errors")
    void upstreamErrorsSurfaceAsTheSdksExceptions(Upstream u, int status, boolean stream) {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model(u.errorModel(status, stream))
                .addUserMessage("hi").build();
        OpenAIServiceException e = upstreamError(status, openAiException(status), () -> {
            if (stream) {
                accumulate(params);
            } else {
                client.chat().completions().create(params);
            }
        });

        assertThat(e.statusCode()).isEqualTo(status);
    }
}
