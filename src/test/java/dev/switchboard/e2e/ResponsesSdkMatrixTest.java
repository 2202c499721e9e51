package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.catchThrowableOfType;
import com.openai.errors.BadRequestException;
import com.openai.models.responses.WebSearchTool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseIncludable;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseOutputText;
import com.openai.models.responses.ResponseReasoningItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseUsage;
import dev.switchboard.model.Usage;
import dev.switchboard.testkit.FakeAnswers;
import dev.switchboard.testkit.FakeContent;
import dev.switchboard.testkit.GatewayTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SDK matrix, OpenAI Responses row: openai-java's Responses API against the real gateway. An OpenAI
 * provider gets the body untranslated on its own {@code /v1/responses}; Anthropic and Gemini providers are
 * reached through the canonical model, their thinking coming back as reasoning items (the signature as
 * {@code encrypted_content}). The Responses API has no stop sequences, so that aspect has no row here.
 */
class ResponsesSdkMatrixTest extends SdkMatrix {
    static OpenAIClient client;

    @BeforeAll
    static void up() {
        client = SdkClients.client(bed.gw, GatewayTest.KEY);
    }

    @AfterAll
    static void down() {
        client.close();
    }

    private static ResponseCreateParams.Builder ask(Upstream u) {
        return ResponseCreateParams.builder().model(u.model()).input("What is the weather in Paris?");
    }

    private static ResponseCreateParams.Builder withTool(ResponseCreateParams.Builder b) {
        return b.addTool(FunctionTool.builder().name("get_weather").description("Current weather of a city").strict(false)
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .build());
    }

    private static Reasoning summarized() {
        return Reasoning.builder().effort(ReasoningEffort.LOW).summary(Reasoning.Summary.AUTO).build();
    }

    private static EasyInputMessage message(EasyInputMessage.Role role, String text) {
        return EasyInputMessage.builder().role(role).content(text).build();
    }

    static String text(Response r) {
        return r.output().stream().flatMap(i -> i.message().stream()).flatMap(m -> m.content().stream())
                .flatMap(c -> c.outputText().stream()).map(ResponseOutputText::text).reduce("", String::concat);
    }

    static List<ResponseFunctionToolCall> calls(Response r) {
        return r.output().stream().flatMap(i -> i.functionCall().stream()).toList();
    }

    static List<ResponseReasoningItem> reasoning(Response r) {
        return r.output().stream().flatMap(i -> i.reasoning().stream()).toList();
    }

    /** Responses usage is canonical usage: input counts the cached tokens, output the reasoning ones. */
    static void assertUsage(ResponseUsage usage, Upstream u) {
        Usage want = u.reported();
        assertThat(usage.inputTokens()).isEqualTo(want.input());
        assertThat(usage.outputTokens()).isEqualTo(want.output());
        assertThat(usage.totalTokens()).isEqualTo(want.input() + want.output());
        assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(want.cacheRead());
        assertThat(usage.outputTokensDetails().reasoningTokens()).isEqualTo(want.reasoning());
    }

    /** The streamed answer as the SDK's accumulator builds it, and the argument fragments of calls. */
    private record Streamed(Response response, List<ResponseStreamEvent> events, String argumentDeltas) {}

    private static Streamed stream(ResponseCreateParams params) {
        ResponseAccumulator acc = ResponseAccumulator.create();
        List<ResponseStreamEvent> events = new ArrayList<>();
        StringBuilder args = new StringBuilder();
        try (StreamResponse<ResponseStreamEvent> s = client.responses().createStreaming(params)) {
            s.stream().forEach(e -> {
                acc.accumulate(e);
                events.add(e);
                e.functionCallArgumentsDelta().ifPresent(d -> args.append(d.delta()));
            });
        }
        return new Streamed(acc.response(), events, args.toString());
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void text(Upstream u) {
        Response r = client.responses().create(ask(u).build());

        assertThat(text(r)).isEqualTo(FakeAnswers.TEXT);
        assertThat(r.status()).hasValue(ResponseStatus.COMPLETED);
        assertThat(calls(r)).isEmpty();
        assertUsage(r.usage().orElseThrow(), u);
        assertThat(bed.only().dialect()).isEqualTo(u.dialect);
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void instructionsArriveAsTheProvidersSystemPrompt(Upstream u) {
        client.responses().create(ask(u).instructions("Answer in one sentence.").build());

        assertThat(new Sent(bed.only()).system()).isEqualTo("Answer in one sentence.");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void multiTurnKeepsEveryTurnInOrder(Upstream u) {
        Response r = client.responses().create(ResponseCreateParams.builder().model(u.model()).inputOfResponse(List.of(
                ResponseInputItem.ofEasyInputMessage(message(EasyInputMessage.Role.USER, "What is the weather in Paris?")),
                ResponseInputItem.ofEasyInputMessage(message(EasyInputMessage.Role.ASSISTANT, "Sunny, 21 degrees.")),
                ResponseInputItem.ofEasyInputMessage(message(EasyInputMessage.Role.USER, "And tomorrow?")))).build());

        assertThat(text(r)).isEqualTo(FakeAnswers.TEXT);
        Sent sent = new Sent(bed.only());
        assertThat(sent.roles()).containsExactly("user", u == Upstream.GEMINI ? "model" : "assistant", "user");
        assertThat(sent.texts()).containsExactly("What is the weather in Paris?", "Sunny, 21 degrees.", "And tomorrow?");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamingEndsWithTheCompletedResponseAndItsUsage(Upstream u) {
        Streamed s = stream(ask(u).build());

        assertThat(s.events().getFirst().isCreated()).isTrue();
        assertThat(s.events().getLast().isCompleted()).isTrue();
        assertThat(s.events().stream().filter(ResponseStreamEvent::isOutputTextDelta)
                .map(e -> e.asOutputTextDelta().delta()).reduce("", String::concat)).isEqualTo(FakeAnswers.TEXT);
        assertThat(text(s.response())).isEqualTo(FakeAnswers.TEXT);
        assertUsage(s.response().usage().orElseThrow(), u);
        bed.assertOneStreamedRequest(u);
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void functionCallAndOutputRoundTrip(Upstream u) {
        Response first = client.responses().create(withTool(ask(u)).build());

        ResponseFunctionToolCall call = calls(first).getFirst();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.arguments()).isEqualTo(FakeContent.TOOL_ARGS);
        assertThat(call.callId()).isNotBlank();
        bed.fake.reset();

        List<ResponseInputItem> input = new ArrayList<>();
        input.add(ResponseInputItem.ofEasyInputMessage(message(EasyInputMessage.Role.USER, "What is the weather in Paris?")));
        first.output().forEach(item -> input.add(asInput(item)));
        input.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId(call.callId()).output("18C and sunny").build()));
        Response second = client.responses().create(withTool(ResponseCreateParams.builder().model(u.model()))
                .inputOfResponse(input).build());

        assertThat(text(second)).isEqualTo(FakeAnswers.TEXT);
        assertThat(calls(second)).isEmpty();
        Sent sent = new Sent(bed.only());
        assertThat(sent.call().name()).isEqualTo("get_weather");
        assertThat(sent.call().args().toString()).isEqualTo(FakeContent.TOOL_ARGS);
        assertThat(sent.result().text()).contains("18C and sunny");
        assertThat(sent.result().answers()).isEqualTo(u == Upstream.GEMINI ? "get_weather" : call.callId());
        assertCallWentBackAsMade(u, call.callId(), sent.call());
    }

    private static ResponseInputItem asInput(ResponseOutputItem item) {
        if (item.isFunctionCall()) {
            return ResponseInputItem.ofFunctionCall(item.asFunctionCall());
        }
        if (item.isReasoning()) {
            return ResponseInputItem.ofReasoning(item.asReasoning());
        }
        return ResponseInputItem.ofResponseOutputMessage(item.asMessage());
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamedFunctionCallArgumentsAssemble(Upstream u) {
        Streamed s = stream(withTool(ask(u)).build());

        assertThat(s.argumentDeltas()).isEqualTo(FakeContent.TOOL_ARGS);
        ResponseFunctionToolCall call = calls(s.response()).getFirst();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.arguments()).isEqualTo(FakeContent.TOOL_ARGS);
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void maxOutputTokensLeavesTheResponseIncomplete(Upstream u) {
        Response whole = client.responses().create(ask(u).maxOutputTokens(3).build());
        Streamed streamed = stream(ask(u).maxOutputTokens(3).build());

        assertThat(streamed.events().getLast().isIncomplete()).isTrue();
        for (Response r : List.of(whole, streamed.response())) {
            assertThat(text(r)).isEqualTo("Hello from the");
            assertThat(r.status()).hasValue(ResponseStatus.INCOMPLETE);
            assertThat(r.incompleteDetails().orElseThrow().reason())
                    .hasValue(Response.IncompleteDetails.Reason.MAX_OUTPUT_TOKENS);
        }
    }

    /** Reasoning with a summary: each provider thinks in its own terms and the thought comes back summarized. */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void reasoningSummaryComesBackAsAReasoningItem(Upstream u) {
        ResponseCreateParams params = ask(u).reasoning(summarized()).addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT)
                .store(false).build();
        Response whole = client.responses().create(params);
        Response streamed = stream(params).response();

        for (Response r : List.of(whole, streamed)) {
            assertThat(text(r)).isEqualTo(FakeAnswers.TEXT);
            ResponseReasoningItem item = reasoning(r).getFirst();
            assertThat(item.summary()).singleElement().satisfies(s -> assertThat(s.text()).isEqualTo(FakeContent.THINKING));
            // Anthropic's signature and OpenAI's encrypted reasoning travel as encrypted_content; Gemini signs no thought
            assertThat(item.encryptedContent().isPresent()).isEqualTo(u != Upstream.GEMINI);
        }
        JsonNode sent = bed.fake.requests().getFirst().json();
        switch (u) {
            case OPENAI -> assertThat(sent.path("reasoning").path("effort").asText()).isEqualTo("low");
            case ANTHROPIC -> assertThat(sent.path("thinking").path("budget_tokens").asInt()).isEqualTo(2048);
            case GEMINI -> {
                JsonNode config = sent.path("generationConfig").path("thinkingConfig");
                assertThat(config.path("thinkingBudget").asInt()).isEqualTo(2048);
                assertThat(config.path("includeThoughts").asBoolean()).isTrue();
            }
        }
    }

    /**
     * Reasoning, a call, its output: the reasoning item goes back with the call, and Anthropic (which
     * verifies the signature of the thinking that led to a call) accepts it.
     */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void reasoningWithToolsRoundTrips(Upstream u) {
        ResponseCreateParams.Builder ask = withTool(ResponseCreateParams.builder().model(u.model())).reasoning(summarized())
                .addInclude(ResponseIncludable.REASONING_ENCRYPTED_CONTENT).store(false);
        List<ResponseInputItem> input = new ArrayList<>();
        input.add(ResponseInputItem.ofEasyInputMessage(message(EasyInputMessage.Role.USER, "What is the weather in Paris?")));
        Response first = client.responses().create(ask.inputOfResponse(input).build());
        assertThat(reasoning(first)).isNotEmpty();
        first.output().forEach(item -> input.add(asInput(item)));
        input.add(ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId(calls(first).getFirst().callId()).output("18C and sunny").build()));
        bed.fake.reset();

        Response second = client.responses().create(ask.inputOfResponse(input).build());

        assertThat(text(second)).isEqualTo(FakeAnswers.TEXT);
        assertThat(bed.fake.requests()).hasSize(1); // not rectified: the thinking went back as it came
        JsonNode sent = bed.only().json();
        switch (u) {
            case OPENAI -> assertThat(sent.path("input").path(1).path("encrypted_content").asText())
                    .isEqualTo(reasoning(first).getFirst().encryptedContent().orElseThrow());
            case ANTHROPIC -> {
                JsonNode thinking = sent.path("messages").path(1).path("content").path(0);
                assertThat(thinking.path("type").asText()).isEqualTo("thinking");
                assertThat(thinking.path("thinking").asText()).isEqualTo(FakeContent.THINKING);
            }
            case GEMINI -> {
                JsonNode thought = sent.path("contents").path(1).path("parts").path(0);
                assertThat(thought.path("thought").asBoolean()).isTrue();
                assertThat(thought.path("text").asText()).isEqualTo(FakeContent.THINKING);
            }
        }
    }

    /**
     * A hosted tool runs only at OpenAI: an OpenAI provider gets the request as sent (Responses goes
     * through untranslated); any other format refuses it with a 400 naming the tool, and is never called.
     */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void hostedToolsReachOnlyOpenAi(Upstream u) {
        ResponseCreateParams params = ask(u).addTool(WebSearchTool.builder().type(WebSearchTool.Type.WEB_SEARCH).build())
                .build();
        if (u == Upstream.OPENAI) {
            client.responses().create(params);
            assertThat(bed.only().json().path("tools").path(0).path("type").asText()).isEqualTo("web_search");
            return;
        }
        BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> client.responses().create(params));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).contains("tools[0] is not supported by provider format " + u.format
                + ": 'web_search' is an OpenAI tool");
        assertThat(e.param()).hasValue("tools[0]");
        assertThat(bed.fake.requests()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} stream={2}")
    @MethodSource("dev.switchboard.e2e.MatrixBed#errors")
    void upstreamErrorsSurfaceAsTheSdksExceptions(Upstream u, int status, boolean stream) {
        ResponseCreateParams params = ResponseCreateParams.builder().model(u.errorModel(status, stream)).input("hi").build();
        OpenAIServiceException e = upstreamError(status, ChatSdkMatrixTest.openAiException(status), () -> {
            if (stream) {
                stream(params);
            } else {
                client.responses().create(params);
            }
        });

        assertThat(e.statusCode()).isEqualTo(status);
    }
}
