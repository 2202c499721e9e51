package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.catchThrowableOfType;
import com.google.genai.types.GoogleSearch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ClientException;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.Part;
import com.google.genai.types.Schema;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.Tool;
import dev.switchboard.model.Usage;
import dev.switchboard.testkit.FakeAnswers;
import dev.switchboard.testkit.FakeContent;
import dev.switchboard.testkit.GatewayTest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SDK matrix, Gemini row: google-genai against the real gateway's {@code /v1beta/models/{model}:…}
 * routes, to a provider of each format on the fake upstream. A Gemini provider gets the bytes as sent;
 * OpenAI and Anthropic providers are reached through the canonical model.
 */
class GeminiSdkMatrixTest extends SdkMatrix {
    static Client client;

    @BeforeAll
    static void up() {
        client = SdkClients.gemini(bed.gw.baseUrl(), GatewayTest.KEY);
    }

    @AfterAll
    static void down() {
        client.close();
    }

    static final Content QUESTION = Content.builder().role("user").parts(List.of(Part.fromText("What is the weather in Paris?")))
            .build();

    private static GenerateContentConfig.Builder config() {
        return GenerateContentConfig.builder();
    }

    private static GenerateContentConfig.Builder withTool(GenerateContentConfig.Builder b) {
        return b.tools(List.of(Tool.builder().functionDeclarations(List.of(FunctionDeclaration.builder().name("get_weather")
                .description("Current weather of a city")
                .parameters(Schema.builder().type("OBJECT").properties(Map.of("city", Schema.builder().type("STRING").build()))
                        .required("city").build())
                .build())).build()));
    }

    private static GenerateContentConfig.Builder thinking(GenerateContentConfig.Builder b) {
        return b.thinkingConfig(ThinkingConfig.builder().includeThoughts(true).thinkingBudget(1024).build());
    }

    private static GenerateContentResponse ask(Upstream u, GenerateContentConfig config, Content... contents) {
        return client.models.generateContent(u.model(), List.of(contents), config);
    }

    /** Thought parts are left out: the answer's own text. */
    static String text(List<Part> parts) {
        StringBuilder sb = new StringBuilder();
        parts.stream().filter(p -> !p.thought().orElse(false)).forEach(p -> p.text().ifPresent(sb::append));
        return sb.toString();
    }

    static String thoughts(List<Part> parts) {
        StringBuilder sb = new StringBuilder();
        parts.stream().filter(p -> p.thought().orElse(false)).forEach(p -> p.text().ifPresent(sb::append));
        return sb.toString();
    }

    /**
     * Gemini's candidates count leaves the thoughts out (they are {@code thoughtsTokenCount}); the prompt count
     * includes the cached tokens. Counts of zero are left out, as Gemini does.
     */
    static void assertUsage(GenerateContentResponseUsageMetadata usage, Upstream u) {
        Usage want = u.reported();
        assertThat(usage.promptTokenCount()).hasValue((int) want.input());
        assertThat(usage.candidatesTokenCount()).hasValue((int) (want.output() - want.reasoning()));
        assertThat(usage.totalTokenCount()).hasValue((int) (want.input() + want.output()));
        assertThat(usage.cachedContentTokenCount()).hasValue((int) want.cacheRead());
        assertThat(usage.thoughtsTokenCount().orElse(0)).isEqualTo((int) want.reasoning());
    }

    /** The chunks of a streamed answer, and its parts as one list. */
    private record Streamed(List<GenerateContentResponse> chunks, List<Part> parts) {
        GenerateContentResponse last() {
            return chunks.getLast();
        }
    }

    private static Streamed stream(Upstream u, GenerateContentConfig config, Content... contents) {
        List<GenerateContentResponse> chunks = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> s = client.models.generateContentStream(u.model(), List.of(contents), config)) {
            s.forEach(chunks::add);
        }
        List<Part> parts = new ArrayList<>();
        chunks.forEach(c -> c.candidates().ifPresent(cs -> cs.getFirst().content().flatMap(Content::parts).ifPresent(parts::addAll)));
        return new Streamed(chunks, parts);
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void text(Upstream u) {
        GenerateContentResponse r = ask(u, config().build(), QUESTION);

        assertThat(r.text()).isEqualTo(FakeAnswers.TEXT);
        assertThat(r.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
        assertThat(r.functionCalls()).isNullOrEmpty();
        assertUsage(r.usageMetadata().orElseThrow(), u);
        assertThat(bed.only().dialect()).isEqualTo(u.dialect);
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void systemInstructionArrivesInTheProvidersOwnField(Upstream u) {
        ask(u, config().systemInstruction(Content.fromParts(Part.fromText("Answer in one sentence."))).build(), QUESTION);

        assertThat(new Sent(bed.only()).system()).isEqualTo("Answer in one sentence.");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void multiTurnKeepsEveryTurnInOrder(Upstream u) {
        GenerateContentResponse r = ask(u, config().build(), QUESTION,
                Content.builder().role("model").parts(List.of(Part.fromText("Sunny, 21 degrees."))).build(),
                Content.builder().role("user").parts(List.of(Part.fromText("And tomorrow?"))).build());

        assertThat(r.text()).isEqualTo(FakeAnswers.TEXT);
        Sent sent = new Sent(bed.only());
        assertThat(sent.roles()).containsExactly("user", u == Upstream.GEMINI ? "model" : "assistant", "user");
        assertThat(sent.texts()).containsExactly("What is the weather in Paris?", "Sunny, 21 degrees.", "And tomorrow?");
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamingEndsWithFinishReasonAndUsage(Upstream u) {
        Streamed s = stream(u, config().build(), QUESTION);

        assertThat(s.chunks()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(text(s.parts())).isEqualTo(FakeAnswers.TEXT);
        assertThat(s.last().finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
        assertUsage(s.last().usageMetadata().orElseThrow(), u);
        bed.assertOneStreamedRequest(u);
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void functionCallAndResponseRoundTrip(Upstream u) {
        GenerateContentConfig config = withTool(config()).build();
        GenerateContentResponse call = ask(u, config, QUESTION);

        FunctionCall fc = call.functionCalls().getFirst();
        assertThat(fc.name()).hasValue("get_weather");
        assertThat(fc.args().orElseThrow()).isEqualTo(Map.of("city", "Paris"));
        assertThat(call.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
        bed.fake.reset();

        Content model = call.candidates().orElseThrow().getFirst().content().orElseThrow();
        Content result = Content.builder().role("user")
                .parts(List.of(Part.fromFunctionResponse("get_weather", Map.of("result", "18C and sunny")))).build();
        GenerateContentResponse answer = ask(u, config, QUESTION, model, result);

        assertThat(answer.text()).isEqualTo(FakeAnswers.TEXT);
        Sent sent = new Sent(bed.only());
        assertThat(sent.call().name()).isEqualTo("get_weather");
        assertThat(sent.call().args().toString()).isEqualTo(FakeContent.TOOL_ARGS);
        assertThat(sent.result().text()).contains("18C and sunny");
        assertThat(sent.result().answers()).isEqualTo(u == Upstream.GEMINI ? "get_weather" : fc.id().orElseThrow());
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void streamedFunctionCallCarriesTheWholeArguments(Upstream u) {
        Streamed s = stream(u, withTool(config()).build(), QUESTION);

        List<FunctionCall> calls = s.parts().stream().flatMap(p -> p.functionCall().stream()).toList();
        assertThat(calls).singleElement().satisfies(fc -> {
            assertThat(fc.name()).hasValue("get_weather");
            assertThat(fc.args().orElseThrow()).isEqualTo(Map.of("city", "Paris"));
        });
        assertThat(s.last().finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
    }

    /** Gemini has no stop-sequence reason of its own: a matched stop sequence finishes with STOP. */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void stopSequenceCutsTheText(Upstream u) {
        GenerateContentConfig config = config().stopSequences(List.of("fake")).build();
        GenerateContentResponse whole = ask(u, config, QUESTION);
        Streamed streamed = stream(u, config, QUESTION);

        assertThat(whole.text()).isEqualTo("Hello from the ");
        assertThat(text(streamed.parts())).isEqualTo("Hello from the ");
        assertThat(whole.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
        assertThat(streamed.last().finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
    }

    @ParameterizedTest
    @EnumSource(Upstream.class)
    void maxOutputTokensFinishesWithMaxTokens(Upstream u) {
        GenerateContentConfig config = config().maxOutputTokens(3).build();
        GenerateContentResponse whole = ask(u, config, QUESTION);
        Streamed streamed = stream(u, config, QUESTION);

        assertThat(whole.text()).isEqualTo("Hello from the");
        assertThat(text(streamed.parts())).isEqualTo("Hello from the");
        assertThat(whole.finishReason().knownEnum()).isEqualTo(FinishReason.Known.MAX_TOKENS);
        assertThat(streamed.last().finishReason().knownEnum()).isEqualTo(FinishReason.Known.MAX_TOKENS);
    }

    /**
     * Thoughts asked for: Gemini and Anthropic think visibly and the thought comes first, Anthropic's signed;
     * OpenAI Chat returns no reasoning, so only the budget travels (as the effort word "minimal").
     */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void thoughtsComeBackWhereTheProviderThinksVisibly(Upstream u) {
        GenerateContentConfig config = thinking(config()).build();
        List<Part> whole = ask(u, config, QUESTION).parts();
        List<Part> streamed = stream(u, config, QUESTION).parts();

        for (List<Part> parts : List.of(whole, streamed)) {
            assertThat(text(parts)).isEqualTo(FakeAnswers.TEXT);
            if (u == Upstream.OPENAI) {
                assertThat(parts).noneMatch(p -> p.thought().orElse(false));
            } else {
                assertThat(parts.getFirst().thought()).hasValue(true);
                assertThat(thoughts(parts)).isEqualTo(FakeContent.THINKING); // streamed in pieces as it came
                assertThat(parts.stream().anyMatch(p -> p.thoughtSignature().isPresent())).isTrue();
            }
        }
        JsonNode sent = bed.fake.requests().getFirst().json();
        switch (u) {
            case OPENAI -> assertThat(sent.path("reasoning_effort").asText()).isEqualTo("minimal");
            case ANTHROPIC -> {
                assertThat(sent.path("thinking").path("type").asText()).isEqualTo("enabled");
                assertThat(sent.path("thinking").path("budget_tokens").asInt()).isEqualTo(1024);
                assertThat(sent.path("max_tokens").asInt()).isGreaterThan(1024);
            }
            case GEMINI -> assertThat(sent.path("generationConfig").path("thinkingConfig").path("includeThoughts").asBoolean())
                    .isTrue();
        }
    }

    /**
     * Thoughts, a function call, its response: the model turn goes back as it came. Gemini gets its own
     * signature back on the call; Anthropic gets its signed thinking block before the tool use (the fake
     * verifies it); OpenAI Chat has no place for thoughts, so they are dropped and named in the header.
     */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void thoughtsWithToolsRoundTrip(Upstream u) {
        GenerateContentConfig config = thinking(withTool(config())).build();
        GenerateContentResponse call = ask(u, config, QUESTION);
        Content model = call.candidates().orElseThrow().getFirst().content().orElseThrow();
        if (u == Upstream.OPENAI) {
            // no thoughts from OpenAI: the turn comes from another provider's history
            model = Content.builder().role("model").parts(List.of(
                    Part.builder().text(FakeContent.THINKING).thought(true).build(),
                    Part.builder().functionCall(call.functionCalls().getFirst()).build())).build();
        } else {
            assertThat(model.parts().orElseThrow().getFirst().thought()).hasValue(true);
        }
        Content result = Content.builder().role("user")
                .parts(List.of(Part.fromFunctionResponse("get_weather", Map.of("result", "18C and sunny")))).build();
        bed.fake.reset();

        GenerateContentResponse answer = ask(u, config, QUESTION, model, result);

        assertThat(text(answer.parts())).isEqualTo(FakeAnswers.TEXT);
        assertThat(bed.fake.requests()).hasSize(1); // not rectified: nothing was refused
        JsonNode sent = bed.only().json();
        switch (u) {
            case OPENAI -> {
                assertThat(droppedHeader(answer)).isEqualTo("thinking");
                assertThat(sent.toString()).doesNotContain(FakeContent.THINKING);
            }
            case ANTHROPIC -> {
                JsonNode thinking = sent.path("messages").path(1).path("content").path(0);
                assertThat(thinking.path("type").asText()).isEqualTo("thinking");
                assertThat(thinking.path("signature").asText()).isEqualTo(
                        Base64.getEncoder().encodeToString(model.parts().orElseThrow().getFirst().thoughtSignature().orElseThrow()));
            }
            case GEMINI -> {
                byte[] signature = model.parts().orElseThrow().get(1).thoughtSignature().orElseThrow();
                assertThat(sent.path("contents").path(1).path("parts").path(1).path("thoughtSignature").asText())
                        .isEqualTo(Base64.getEncoder().encodeToString(signature));
            }
        }
    }

    private static String droppedHeader(GenerateContentResponse r) {
        Map<String, String> headers = r.sdkHttpResponse().flatMap(h -> h.headers()).orElseThrow();
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("x-switchboard-dropped"))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /**
     * A built-in tool runs only at Gemini: a Gemini provider gets it as sent; any other format refuses the
     * request with a 400 in Gemini's shape naming the tool, and is never called. Nothing is dropped quietly.
     */
    @ParameterizedTest
    @EnumSource(Upstream.class)
    void builtInToolsReachOnlyGemini(Upstream u) {
        GenerateContentConfig config = config().tools(List.of(Tool.builder().googleSearch(GoogleSearch.builder().build())
                .build())).build();
        if (u == Upstream.GEMINI) {
            assertThat(text(ask(u, config, QUESTION).parts())).isEqualTo(FakeAnswers.TEXT);
            assertThat(bed.only().json().path("tools").path(0).path("googleSearch").isObject()).isTrue();
            return;
        }
        ClientException e = catchThrowableOfType(ClientException.class, () -> ask(u, config, QUESTION));

        assertThat(e.code()).isEqualTo(400);
        assertThat(e.status()).isEqualTo("INVALID_ARGUMENT");
        assertThat(e.getMessage()).contains("tools[0].googleSearch is not supported by provider format " + u.format);
        assertThat(bed.fake.requests()).isEmpty();
    }

    @ParameterizedTest(name = "{0} {1} stream={2}")
    @MethodSource("dev.switchboard.e2e.MatrixBed#errors")
    void upstreamErrorsSurfaceAsClientExceptionsWithTheirCode(Upstream u, int status, boolean stream) {
        String model = u.errorModel(status, stream);
        ClientException e = upstreamError(status, ClientException.class, () -> {
            if (stream) {
                try (ResponseStream<GenerateContentResponse> s = client.models.generateContentStream(model, "hi", null)) {
                    s.forEach(c -> { });
                }
            } else {
                client.models.generateContent(model, "hi", null);
            }
        });

        assertThat(e.code()).isEqualTo(status);
        assertThat(e.status()).isEqualTo(switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            default -> "RESOURCE_EXHAUSTED";
        });
    }
}
