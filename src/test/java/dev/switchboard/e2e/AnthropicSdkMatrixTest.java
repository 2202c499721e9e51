package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.catchThrowableOfType;
import com.anthropic.models.messages.WebSearchTool20250305;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.HttpResponseFor;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlock;
import com.anthropic.models.messages.ThinkingBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlock;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.Usage;
import dev.switchboard.testkit.FakeAnswers;
import dev.switchboard.testkit.FakeContent;
import dev.switchboard.testkit.GatewayTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SDK matrix, Anthropic Messages row: anthropic-java against the real gateway's {@code /v1/messages},
 * routed to a provider of each format on the fake upstream. An Anthropic provider gets the bytes as sent
 * (and the fake checks thinking signatures as the real API does); OpenAI and Gemini providers are reached
 * through the canonical model.
 */
class AnthropicSdkMatrixTest extends SdkMatrix {
    static AnthropicClient client;

    @BeforeAll
    static void up() {
        client = SdkClients.anthropic(bed.gw.baseUrl(), GatewayTest.KEY);
    }

    @AfterAll
    static void down() {
        client.close();
    }

    private static MessageCreateParams.Builder ask(Upstream u) {
        return MessageCreateParams.builder().model(u.model()).maxTokens(1024).addUserMessage("What is the weather in Paris?");
    }

    private static MessageCreateParams.Builder withTool(MessageCreateParams.Builder b) {
        return b.addTool(Tool.builder().name("get_weather").description("Current weather of a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build());
    }

    private static ContentBlockParam result(String toolUseId) {
        return ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId(toolUseId).content("18C and sunny").build());
    }

    static String text(Message m) {
        return m.content().stream().flatMap(b -> b.text().stream()).map(TextBlock::text).reduce("", String::concat);
    }

    static ToolUseBlock toolUse(Message m) {
        return m.content().stream().flatMap(b -> b.toolUse().stream()).findFirst().orElseThrow();
    }

    /**
     * Anthropic's {@code input_tokens} leaves out the cached prompt tokens, which it counts apart (read
     * and written); the reasoning share of the output is {@code output_tokens_details.thinking_tokens}.
     */
    static void assertUsage(com.anthropic.models.messages.Usage usage, Upstream u) {
        Usage want = u.reported();
        assertThat(usage.inputTokens()).isEqualTo(want.input() - want.cacheRead() - want.cacheWrite());
        assertThat(usage.cacheReadInputTokens()).hasValue(want.cacheRead());
        assertThat(usage.cacheCreationInputTokens()).hasValue(want.cacheWrite());
        assertThat(usage.outputTokens()).isEqualTo(want.output());
        assertThat(usage.outputTokensDetails().map(d -> d.thinkingTokens()).orElse(0L)).isEqualTo(want.reasoning());
    }

    private static Message accumulate(MessageCreateParams params) {
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(params)) {
            s.stream().forEach(acc::accumulate);
        }
        return acc.message();
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void text(Upstream u) {
        Message m = client.messages().create(ask(u).build());

        assertThat(m.content()).singleElement().satisfies(b -> assertThat(b.asText().text()).isEqualTo(FakeAnswers.TEXT));
        assertThat(m.stopReason()).hasValue(StopReason.END_TURN);
        assertUsage(m.usage(), u);
        assertThat(bed.only().dialect()).isEqualTo(u.dialect);
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void systemPromptArrivesInTheProvidersOwnField(Upstream u) {
        client.messages().create(ask(u).system("Answer in one sentence.").build());

        assertThat(new Sent(bed.only()).system()).isEqualTo("Answer in one sentence.");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void multiTurnKeepsEveryTurnInOrder(Upstream u) {
        Message m = client.messages().create(ask(u).addAssistantMessage("Sunny, 21 degrees.").addUserMessage("And tomorrow?")
                .build());

        assertThat(text(m)).isEqualTo(FakeAnswers.TEXT);
        Sent sent = new Sent(bed.only());
        assertThat(sent.roles()).containsExactly("user", u == Upstream.GEMINI ? "model" : "assistant", "user");
        assertThat(sent.texts()).containsExactly("What is the weather in Paris?", "Sunny, 21 degrees.", "And tomorrow?");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamingAccumulatesTheAnswerAndUsage(Upstream u) {
        Message m = accumulate(ask(u).build());

        assertThat(text(m)).isEqualTo(FakeAnswers.TEXT);
        assertThat(m.stopReason()).hasValue(StopReason.END_TURN);
        assertUsage(m.usage(), u);
        bed.assertOneStreamedRequest(u);
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void toolUseAndResultRoundTrip(Upstream u) {
        Message call = client.messages().create(withTool(ask(u)).build());

        assertThat(call.stopReason()).hasValue(StopReason.TOOL_USE);
        ToolUseBlock use = toolUse(call);
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use._input().toString()).isEqualTo(JsonValue.from(Map.of("city", "Paris")).toString());
        bed.fake.reset();

        Message answer = client.messages().create(withTool(ask(u)).addMessage(call)
                .addUserMessageOfContentBlockParams(List.of(result(use.id()))).build());

        assertThat(text(answer)).isEqualTo(FakeAnswers.TEXT);
        assertThat(answer.stopReason()).hasValue(StopReason.END_TURN);
        Sent sent = new Sent(bed.only());
        assertThat(sent.call().name()).isEqualTo("get_weather");
        assertThat(sent.call().args().toString()).isEqualTo(FakeContent.TOOL_ARGS);
        assertThat(sent.result().text()).contains("18C and sunny");
        assertThat(sent.result().answers()).isEqualTo(u == Upstream.GEMINI ? "get_weather" : use.id());
        assertCallWentBackAsMade(u, use.id(), sent.call());
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamedToolUseInputAssembles(Upstream u) {
        Message m = accumulate(withTool(ask(u)).build());

        assertThat(m.stopReason()).hasValue(StopReason.TOOL_USE);
        ToolUseBlock use = toolUse(m);
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use._input().toString()).isEqualTo(JsonValue.from(Map.of("city", "Paris")).toString());
    }

    /** A streamed tool use goes back as the accumulated message has it, signed id and all. */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamedToolUseAndResultRoundTrip(Upstream u) {
        Message call = accumulate(withTool(ask(u)).build());
        String id = toolUse(call).id();
        bed.fake.reset();

        Message answer = accumulate(withTool(ask(u)).addMessage(call)
                .addUserMessageOfContentBlockParams(List.of(result(id))).build());

        assertThat(text(answer)).isEqualTo(FakeAnswers.TEXT);
        assertCallWentBackAsMade(u, id, new Sent(bed.only()).call());
    }

    /**
     * Anthropic names the stop sequence that matched. OpenAI and Gemini say only that the model stopped,
     * so through them the answer ends as a normal turn.
     */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void stopSequenceCutsTheText(Upstream u) {
        Message whole = client.messages().create(ask(u).stopSequences(List.of("fake")).build());
        Message streamed = accumulate(ask(u).stopSequences(List.of("fake")).build());

        for (Message m : List.of(whole, streamed)) {
            assertThat(text(m)).isEqualTo("Hello from the ");
            if (u == Upstream.ANTHROPIC) {
                assertThat(m.stopReason()).hasValue(StopReason.STOP_SEQUENCE);
                assertThat(m.stopSequence()).hasValue("fake");
            } else {
                assertThat(m.stopReason()).hasValue(StopReason.END_TURN);
                assertThat(m.stopSequence()).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void maxTokensStopsForMaxTokens(Upstream u) {
        Message whole = client.messages().create(ask(u).maxTokens(3).build());
        Message streamed = accumulate(ask(u).maxTokens(3).build());

        for (Message m : List.of(whole, streamed)) {
            assertThat(text(m)).isEqualTo("Hello from the");
            assertThat(m.stopReason()).hasValue(StopReason.MAX_TOKENS);
        }
    }

    /**
     * Extended thinking: Anthropic and Gemini both think visibly, so the thinking comes back as a thinking
     * block, first; OpenAI Chat returns no reasoning, so only the effort travels (a 1024 budget is "minimal").
     */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void thinkingComesBackWhereTheProviderThinksVisibly(Upstream u) {
        MessageCreateParams params = ask(u).maxTokens(2048).enabledThinking(1024).build();
        Message whole = client.messages().create(params);
        Message streamed = accumulate(params);

        for (Message m : List.of(whole, streamed)) {
            assertThat(text(m)).isEqualTo(FakeAnswers.TEXT);
            List<ContentBlock> thinking = m.content().stream().filter(ContentBlock::isThinking).toList();
            if (u == Upstream.OPENAI) {
                assertThat(thinking).isEmpty();
            } else {
                assertThat(m.content().getFirst().isThinking()).isTrue();
                assertThat(m.content().getFirst().asThinking().thinking()).isEqualTo(FakeContent.THINKING);
            }
        }
        JsonNode sent = bed.fake.requests().getFirst().json();
        switch (u) {
            case OPENAI -> assertThat(sent.path("reasoning_effort").asText()).isEqualTo("minimal");
            case ANTHROPIC -> assertThat(sent.path("thinking").path("budget_tokens").asInt()).isEqualTo(1024);
            case GEMINI -> {
                JsonNode config = sent.path("generationConfig").path("thinkingConfig");
                assertThat(config.path("thinkingBudget").asInt()).isEqualTo(1024);
                assertThat(config.path("includeThoughts").asBoolean()).isTrue();
            }
        }
    }

    /**
     * Thinking, a tool call, its result: the thinking block goes back with the call. Anthropic verifies its
     * signature (the fake does too) and needs it before the tool results; Gemini gets the thought back; OpenAI
     * Chat has no place for it, so it is dropped and named in {@code X-Switchboard-Dropped}.
     */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void thinkingWithToolsRoundTrips(Upstream u) {
        MessageCreateParams.Builder ask = withTool(ask(u)).maxTokens(2048).enabledThinking(1024);
        Message call = client.messages().create(ask.build());
        String id = toolUse(call).id();
        MessageCreateParams.Builder next = ask.build().toBuilder();
        if (u == Upstream.OPENAI) {
            // no thinking from OpenAI: the turn comes from another provider's history
            next.addAssistantMessageOfContentBlockParams(List.of(
                    ContentBlockParam.ofThinking(ThinkingBlockParam.builder().thinking(FakeContent.THINKING)
                            .signature("c2lnbmF0dXJl").build()),
                    ContentBlockParam.ofToolUse(ToolUseBlockParam.builder().id(id).name("get_weather")
                            .input(ToolUseBlockParam.Input.builder().putAdditionalProperty("city", JsonValue.from("Paris")).build())
                            .build())));
        } else {
            assertThat(call.content().getFirst().asThinking().thinking()).isEqualTo(FakeContent.THINKING);
            next.addMessage(call);
        }
        bed.fake.reset();

        HttpResponseFor<Message> answer = client.messages().withRawResponse()
                .create(next.addUserMessageOfContentBlockParams(List.of(result(id))).build());

        assertThat(text(answer.parse())).isEqualTo(FakeAnswers.TEXT);
        assertThat(bed.fake.requests()).hasSize(1); // not rectified: nothing was refused
        JsonNode sent = bed.only().json();
        switch (u) {
            case OPENAI -> {
                assertThat(answer.headers().values("x-switchboard-dropped")).containsExactly("thinking");
                assertThat(sent.toString()).doesNotContain(FakeContent.THINKING);
            }
            case ANTHROPIC -> assertThat(sent.path("messages").path(1).path("content").path(0).path("signature").asText())
                    .isEqualTo(call.content().getFirst().asThinking().signature());
            case GEMINI -> {
                JsonNode thought = sent.path("contents").path(1).path("parts").path(0);
                assertThat(thought.path("thought").asBoolean()).isTrue();
                assertThat(thought.path("text").asText()).isEqualTo(FakeContent.THINKING);
                assertThat(thought.has("thoughtSignature")).as("an unsigned thought goes back unsigned").isFalse();
            }
        }
    }

    /**
     * A server tool runs only at Anthropic: an Anthropic provider gets it as sent; any other format refuses
     * the request with a 400 in Anthropic's shape naming the tool, and is never called.
     */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void serverToolsReachOnlyAnthropic(Upstream u) {
        MessageCreateParams params = ask(u).addTool(WebSearchTool20250305.builder().maxUses(2).build()).build();
        if (u == Upstream.ANTHROPIC) {
            client.messages().create(params);
            JsonNode tool = bed.only().json().path("tools").path(0);
            assertThat(tool.path("type").asText()).isEqualTo("web_search_20250305");
            assertThat(tool.path("max_uses").asInt()).isEqualTo(2);
            return;
        }
        BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> client.messages().create(params));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).contains("tools.0 is not supported by provider format " + u.format
                + ": 'web_search_20250305' is an Anthropic tool");
        assertThat(bed.fake.requests()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} stream={2}")
    @MethodSource("dev.switchboard.e2e.MatrixBed#errors")
    void upstreamErrorsSurfaceAsTheSdksExceptions(Upstream u, int status, boolean stream) {
        Class<? extends AnthropicServiceException> type = switch (status) {
            case 400 -> BadRequestException.class;
            case 401 -> UnauthorizedException.class;
            default -> RateLimitException.class;
        };
        MessageCreateParams params = MessageCreateParams.builder().model(u.errorModel(status, stream)).maxTokens(100)
                .addUserMessage("hi").build();
        AnthropicServiceException e = upstreamError(status, type, () -> {
            if (stream) {
                accumulate(params);
            } else {
                client.messages().create(params);
            }
        });

        assertThat(e.statusCode()).isEqualTo(status);
    }
}
