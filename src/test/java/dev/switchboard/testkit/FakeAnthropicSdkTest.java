package dev.switchboard.testkit;

import static dev.switchboard.testkit.FakeUpstream.ANTHROPIC_INPUT_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.CACHED_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.CACHE_WRITE_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.COMPLETION_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.PROMPT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.BadRequestException;
import com.anthropic.errors.InternalServerException;
import com.anthropic.errors.OverloadedException;
import com.anthropic.errors.RateLimitException;
import com.anthropic.errors.UnauthorizedException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.ThinkingBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.anthropic.models.models.ModelInfo;
import dev.switchboard.e2e.SdkClients;
import dev.switchboard.testkit.FakeUpstream.Fault;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK pointed straight at the fake: every answer must parse and validate in
 * the SDK, streams must accumulate to the same message, and errors must surface as the SDK's own
 * exception types. If the fake drifts from the real wire format, these tests say so before any gateway
 * test can be misled by it.
 */
class FakeAnthropicSdkTest {
    static FakeUpstream fake;
    static AnthropicClient client;

    @BeforeAll
    static void up() {
        fake = FakeUpstream.start();
        client = SdkClients.anthropic(fake.anthropicBaseUrl(), "sk-ant-fake");
    }

    @AfterAll
    static void down() {
        client.close();
        fake.close();
    }

    @BeforeEach
    void clean() {
        fake.reset();
    }

    static MessageCreateParams.Builder ask() {
        return MessageCreateParams.builder().model("claude-fake-1").maxTokens(1024).addUserMessage("Hello there");
    }

    static Tool weatherTool() {
        return Tool.builder().name("get_weather").description("The weather in a city")
                .inputSchema(Tool.InputSchema.builder()
                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build();
    }

    static ContentBlockParam toolResult(String id) {
        return ContentBlockParam.ofToolResult(ToolResultBlockParam.builder().toolUseId(id).content("Sunny, 21 °C").build());
    }

    @Test
    void textAnswerParsesWithUsageAndIsRecorded() {
        Message m = client.messages().create(ask().build());
        m.validate();
        assertThat(m.content()).hasSize(1);
        assertThat(m.content().getFirst().asText().text()).isEqualTo(FakeAnswers.TEXT);
        assertThat(m.stopReason()).contains(StopReason.END_TURN);
        assertThat(m.usage().inputTokens()).isEqualTo(ANTHROPIC_INPUT_TOKENS);
        assertThat(m.usage().outputTokens()).isEqualTo(COMPLETION_TOKENS);
        assertThat(m.usage().cacheReadInputTokens()).contains(CACHED_TOKENS);
        assertThat(m.usage().cacheCreationInputTokens()).contains(CACHE_WRITE_TOKENS);
        assertThat(m.id()).startsWith(fake.idPrefix(FakeUpstream.Dialect.ANTHROPIC));
        assertThat(fake.answerState(m.id())).isEqualTo(FakeUpstream.AnswerState.WHOLE);

        FakeUpstream.Recorded r = fake.requests().getFirst();
        assertThat(r.path()).isEqualTo("/v1/messages");
        assertThat(r.dialect()).isEqualTo(FakeUpstream.Dialect.ANTHROPIC);
        // the SDK sends its API key as a bearer token, and a dated API version
        assertThat(r.headers()).containsEntry("authorization", "Bearer sk-ant-fake").containsKey("anthropic-version");
        assertThat(r.json().path("max_tokens").asInt()).isEqualTo(1024);
    }

    @Test
    void streamAccumulatesToTheSameMessage() {
        List<String> types = new ArrayList<>();
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(ask().build())) {
            s.stream().forEach(e -> {
                acc.accumulate(e);
                types.add(e.isMessageStart() ? "message_start" : e.isContentBlockStart() ? "content_block_start"
                        : e.isContentBlockDelta() ? "content_block_delta" : e.isContentBlockStop() ? "content_block_stop"
                        : e.isMessageDelta() ? "message_delta" : "message_stop");
            });
        }
        Message m = acc.message();
        assertThat(types.getFirst()).isEqualTo("message_start");
        assertThat(types.subList(types.size() - 3, types.size()))
                .containsExactly("content_block_stop", "message_delta", "message_stop");
        assertThat(types).filteredOn("content_block_delta"::equals).hasSize(FakeContent.words(FakeAnswers.TEXT).size());
        assertThat(m.content().getFirst().asText().text()).isEqualTo(FakeAnswers.TEXT);
        assertThat(m.stopReason()).contains(StopReason.END_TURN);
        assertThat(m.usage().outputTokens()).isEqualTo(COMPLETION_TOKENS);
        assertThat(m.usage().inputTokens()).isEqualTo(ANTHROPIC_INPUT_TOKENS);
        assertThat(fake.answerState(m.id())).isEqualTo(FakeUpstream.AnswerState.WHOLE);
    }

    @Test
    void toolUseAndItsResultRoundTrip() {
        MessageCreateParams first = ask().addTool(weatherTool()).build();
        Message call = client.messages().create(first);
        assertThat(call.stopReason()).contains(StopReason.TOOL_USE);
        var use = call.content().getFirst().asToolUse();
        assertThat(use.name()).isEqualTo("get_weather");
        assertThat(use._input().toString()).isEqualTo(JsonValue.from(Map.of("city", "Paris")).toString());

        Message answer = client.messages().create(first.toBuilder().addMessage(call)
                .addUserMessageOfContentBlockParams(List.of(toolResult(use.id()))).build());
        assertThat(answer.stopReason()).contains(StopReason.END_TURN);
        assertThat(answer.content().getFirst().asText().text()).isEqualTo(FakeAnswers.TEXT);
    }

    @Test
    void streamedToolUseAccumulatesItsInput() {
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(ask().addTool(weatherTool()).build())) {
            s.stream().forEach(acc::accumulate);
        }
        Message m = acc.message();
        assertThat(m.stopReason()).contains(StopReason.TOOL_USE);
        assertThat(m.content().getFirst().asToolUse()._input().toString())
                .isEqualTo(JsonValue.from(Map.of("city", "Paris")).toString());
    }

    @Test
    void thinkingComesFirstSignedAndSurvivesATurnWithTools() {
        MessageCreateParams first = ask().maxTokens(2048).enabledThinking(1024).addTool(weatherTool()).build();
        Message call = client.messages().create(first);
        List<ContentBlock> blocks = call.content();
        assertThat(blocks.getFirst().isThinking()).isTrue();
        assertThat(blocks.getFirst().asThinking().thinking()).isEqualTo(FakeContent.THINKING);
        assertThat(blocks.get(1).isToolUse()).isTrue();
        String id = blocks.get(1).asToolUse().id();

        Message answer = client.messages().create(first.toBuilder().addMessage(call)
                .addUserMessageOfContentBlockParams(List.of(toolResult(id))).build());
        assertThat(answer.content().get(1).asText().text()).isEqualTo(FakeAnswers.TEXT);

        // the same turn with its thinking edited: the signature no longer matches
        ContentBlockParam edited = ContentBlockParam.ofThinking(ThinkingBlockParam.builder()
                .thinking("I will make something up.").signature(blocks.getFirst().asThinking().signature()).build());
        ContentBlockParam toolUse = ContentBlockParam.ofToolUse(ToolUseBlockParam.builder().id(id).name("get_weather")
                .input(ToolUseBlockParam.Input.builder().putAdditionalProperty("city", JsonValue.from("Paris")).build()).build());
        BadRequestException forged = catchThrowableOfType(BadRequestException.class, () -> client.messages().create(
                first.toBuilder().addAssistantMessageOfContentBlockParams(List.of(edited, toolUse))
                        .addUserMessageOfContentBlockParams(List.of(toolResult(id))).build()));
        assertThat(forged.getMessage()).contains("messages.1.content.0: Invalid `signature` in `thinking` block");

        // and without its thinking: the API wants the reasoning that led to the call
        BadRequestException missing = catchThrowableOfType(BadRequestException.class, () -> client.messages().create(
                first.toBuilder().addAssistantMessageOfContentBlockParams(List.of(toolUse))
                        .addUserMessageOfContentBlockParams(List.of(toolResult(id))).build()));
        assertThat(missing.getMessage()).contains("messages.1.content.0.type: Expected `thinking` or `redacted_thinking`,"
                + " but found `tool_use`");
    }

    @Test
    void streamedThinkingCarriesTheSameSignature() {
        MessageCreateParams params = ask().maxTokens(2048).enabledThinking(1024).build();
        String whole = client.messages().create(params).content().getFirst().asThinking().signature();
        MessageAccumulator acc = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(params)) {
            s.stream().forEach(acc::accumulate);
        }
        Message m = acc.message();
        assertThat(m.content().getFirst().asThinking().thinking()).isEqualTo(FakeContent.THINKING);
        assertThat(m.content().getFirst().asThinking().signature()).isEqualTo(whole);
        assertThat(m.content().get(1).asText().text()).isEqualTo(FakeAnswers.TEXT);
    }

    @Test
    void stopSequenceAndTinyMaxTokensCutTheText() {
        Message stopped = client.messages().create(ask().stopSequences(List.of("fake")).build());
        assertThat(stopped.content().getFirst().asText().text()).isEqualTo("Hello from the ");
        assertThat(stopped.stopReason()).contains(StopReason.STOP_SEQUENCE);
        assertThat(stopped.stopSequence()).contains("fake");

        Message cut = client.messages().create(ask().maxTokens(3).build());
        assertThat(cut.content().getFirst().asText().text()).isEqualTo("Hello from the");
        assertThat(cut.stopReason()).contains(StopReason.MAX_TOKENS);
    }

    @Test
    void countTokensAndModels() {
        long n = client.messages().countTokens(MessageCountTokensParams.builder().model("claude-fake-1")
                .addUserMessage("Hello there").build()).inputTokens();
        assertThat(n).isEqualTo(PROMPT_TOKENS);
        assertThat(fake.requests().getFirst().path()).isEqualTo("/v1/messages/count_tokens");

        List<ModelInfo> models = new ArrayList<>();
        client.models().list().autoPager().forEach(models::add);
        models.forEach(ModelInfo::validate);
        assertThat(models).extracting(ModelInfo::id).contains(AnthropicAnswers.MODEL_ID);
        assertThat(fake.requests().getLast().dialect()).isEqualTo(FakeUpstream.Dialect.ANTHROPIC);
    }

    @Test
    void statusFaultsSurfaceAsTheSdkExceptions() {
        fake.enqueue(Fault.status(400));
        assertThat(catchThrowableOfType(BadRequestException.class, () -> client.messages().create(ask().build())).statusCode())
                .isEqualTo(400);
        fake.enqueue(Fault.status(401));
        assertThat(catchThrowableOfType(UnauthorizedException.class, () -> client.messages().create(ask().build())).statusCode())
                .isEqualTo(401);
        fake.enqueue(new Fault.Status(429, "7", null));
        RateLimitException limited = catchThrowableOfType(RateLimitException.class, () -> client.messages().create(ask().build()));
        assertThat(limited.headers().values("retry-after")).containsExactly("7");
        assertThat(limited.headers().values("request-id")).singleElement().asString().startsWith("req_fake");
        assertThat(limited.body().toString()).contains("rate_limit_error");
        fake.enqueue(Fault.overloaded());
        OverloadedException overloaded = catchThrowableOfType(OverloadedException.class,
                () -> client.messages().create(ask().build()));
        assertThat(overloaded.statusCode()).isEqualTo(529);
        assertThat(overloaded.body().toString()).contains("overloaded_error");
        fake.enqueue(Fault.status(500));
        assertThat(catchThrowableOfType(InternalServerException.class, () -> client.messages().create(ask().build())).statusCode())
                .isEqualTo(500);
    }

    @Test
    void whatTheRealApiRejectsIsRejected() {
        BadRequestException extra = catchThrowableOfType(BadRequestException.class, () -> client.messages().create(
                ask().putAdditionalBodyProperty("n", JsonValue.from(2)).build()));
        assertThat(extra.getMessage()).contains("n: Extra inputs are not permitted");
        BadRequestException hot = catchThrowableOfType(BadRequestException.class, () -> client.messages().create(
                ask().putAdditionalBodyProperty("temperature", JsonValue.from(1.5)).build()));
        assertThat(hot.getMessage()).contains("temperature: range: 0..1");
        BadRequestException budget = catchThrowableOfType(BadRequestException.class, () -> client.messages().create(
                ask().maxTokens(1024).enabledThinking(1024).build()));
        assertThat(budget.getMessage()).contains("`max_tokens` must be greater than `thinking.budget_tokens`");
        BadRequestException orphan = catchThrowableOfType(BadRequestException.class, () -> client.messages().create(
                ask().addAssistantMessage("Let me check.").addUserMessageOfContentBlockParams(List.of(toolResult("toolu_nope"),
                        ContentBlockParam.ofText(TextBlockParam.builder().text("and?").build()))).build()));
        assertThat(orphan.getMessage()).contains("unexpected `tool_use_id` found in `tool_result` blocks: toolu_nope");

        AnthropicClient noKey = SdkClients.anthropicBuilder(fake.anthropicBaseUrl(), "x")
                .putHeader("authorization", "Basic eDp5").build();
        try {
            UnauthorizedException e = catchThrowableOfType(UnauthorizedException.class, () -> noKey.messages().create(ask().build()));
            assertThat(e.getMessage()).contains("x-api-key header is required");
        } finally {
            noKey.close();
        }
    }

    @Test
    void streamFaultsCutTheStreamAsTheSdkSeesIt() {
        fake.enqueue(new Fault.ErrorEventAfterEvents(3, 529));
        List<RawMessageStreamEvent> seen = new ArrayList<>();
        Throwable overloaded = catchThrowableOfType(RuntimeException.class, () -> {
            try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(ask().build())) {
                s.stream().forEach(seen::add);
            }
        });
        assertThat(overloaded).hasMessageContaining("overloaded_error");
        assertThat(seen).hasSize(2); // message_start and content_block_start; the ping is not surfaced

        fake.enqueue(new Fault.ResetAfterEvents(4));
        List<RawMessageStreamEvent> cut = new ArrayList<>();
        assertThat(catchThrowableOfType(RuntimeException.class, () -> {
            try (StreamResponse<RawMessageStreamEvent> s = client.messages().createStreaming(ask().build())) {
                s.stream().forEach(cut::add);
            }
        })).isNotNull();
        String id = cut.getFirst().asMessageStart().message().id();
        assertThat(fake.answerState(id)).isEqualTo(FakeUpstream.AnswerState.BROKEN);
    }
}
