package dev.switchboard.testkit;

import static dev.switchboard.testkit.FakeUpstream.CACHED_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.GEMINI_CANDIDATES_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.GEMINI_TOTAL_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.PROMPT_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.REASONING_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ApiException;
import com.google.genai.errors.ClientException;
import com.google.genai.errors.ServerException;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.FunctionCall;
import com.google.genai.types.FunctionCallingConfig;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponseUsageMetadata;
import com.google.genai.types.ListModelsConfig;
import com.google.genai.types.Model;
import com.google.genai.types.Part;
import com.google.genai.types.Schema;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.Tool;
import com.google.genai.types.ToolConfig;
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
 * The official Google Gen AI Java SDK pointed straight at the fake: answers must parse into the SDK's
 * types with the fixed usage, streams must arrive in several chunks with the usage on the last, and
 * errors must surface as the SDK's ClientException or ServerException with the status it reads from
 * the body.
 */
class FakeGeminiSdkTest {
    static final String MODEL = "gemini-fake";
    static FakeUpstream fake;
    static Client client;

    @BeforeAll
    static void up() {
        fake = FakeUpstream.start();
        client = SdkClients.gemini(fake.geminiBaseUrl(), "AIza-fake-key");
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

    static GenerateContentConfig.Builder config() {
        return GenerateContentConfig.builder();
    }

    static Tool weatherTool() {
        return Tool.builder().functionDeclarations(List.of(FunctionDeclaration.builder().name("get_weather")
                .description("The weather in a city")
                .parameters(Schema.builder().type("OBJECT").properties(Map.of("city", Schema.builder().type("STRING").build()))
                        .required("city").build())
                .build())).build();
    }

    @Test
    void textAnswerParsesWithUsageAndIsRecorded() {
        GenerateContentResponse r = client.models.generateContent(MODEL, "Hello there", config().build());
        assertThat(r.text()).isEqualTo(FakeAnswers.TEXT);
        assertThat(r.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
        GenerateContentResponseUsageMetadata u = r.usageMetadata().orElseThrow();
        assertThat(u.promptTokenCount()).contains((int) PROMPT_TOKENS);
        assertThat(u.candidatesTokenCount()).contains((int) GEMINI_CANDIDATES_TOKENS);
        assertThat(u.thoughtsTokenCount()).contains((int) REASONING_TOKENS);
        assertThat(u.cachedContentTokenCount()).contains((int) CACHED_TOKENS);
        assertThat(u.totalTokenCount()).contains((int) GEMINI_TOTAL_TOKENS);
        assertThat(r.modelVersion()).contains(MODEL);
        assertThat(r.responseId().orElseThrow()).startsWith(fake.idPrefix(FakeUpstream.Dialect.GEMINI));
        assertThat(fake.answerState(r.responseId().orElseThrow())).isEqualTo(FakeUpstream.AnswerState.WHOLE);

        FakeUpstream.Recorded req = fake.requests().getFirst();
        assertThat(req.path()).isEqualTo("/v1beta/models/gemini-fake:generateContent");
        assertThat(req.dialect()).isEqualTo(FakeUpstream.Dialect.GEMINI);
        assertThat(req.headers()).containsEntry("x-goog-api-key", "AIza-fake-key");
        assertThat(req.json().path("contents").get(0).path("role").asText()).isEqualTo("user");
    }

    @Test
    void streamArrivesInSeveralChunksWithUsageOnTheLast() {
        List<GenerateContentResponse> chunks = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> s = client.models.generateContentStream(MODEL, "Hello there", config().build())) {
            s.forEach(chunks::add);
        }
        assertThat(chunks).hasSizeGreaterThanOrEqualTo(2);
        assertThat(chunks.stream().map(GenerateContentResponse::text).reduce("", String::concat)).isEqualTo(FakeAnswers.TEXT);
        assertThat(chunks.getLast().usageMetadata().orElseThrow().promptTokenCount()).contains((int) PROMPT_TOKENS);
        assertThat(chunks.getFirst().usageMetadata()).isEmpty();
        assertThat(chunks.getLast().finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);
        assertThat(fake.requests().getFirst().path()).isEqualTo("/v1beta/models/gemini-fake:streamGenerateContent?alt=sse");
    }

    @Test
    void functionCallAndItsResponseRoundTrip() {
        GenerateContentConfig withTool = config().tools(List.of(weatherTool())).build();
        Content question = Content.builder().role("user").parts(List.of(Part.fromText("Weather in Paris?"))).build();
        GenerateContentResponse call = client.models.generateContent(MODEL, List.of(question), withTool);
        FunctionCall fc = call.functionCalls().getFirst();
        assertThat(fc.name()).contains("get_weather");
        assertThat(fc.args().orElseThrow()).isEqualTo(Map.of("city", "Paris"));

        Content model = call.candidates().orElseThrow().getFirst().content().orElseThrow();
        Content result = Content.builder().role("user")
                .parts(List.of(Part.fromFunctionResponse("get_weather", Map.of("forecast", "sunny")))).build();
        GenerateContentResponse answer = client.models.generateContent(MODEL, List.of(question, model, result), withTool);
        assertThat(answer.text()).isEqualTo(FakeAnswers.TEXT);

        Content wrongName = Content.builder().role("user")
                .parts(List.of(Part.fromFunctionResponse("get_time", Map.of("now", "noon")))).build();
        ClientException e = catchThrowableOfType(ClientException.class,
                () -> client.models.generateContent(MODEL, List.of(question, model, wrongName), withTool));
        assertThat(e.code()).isEqualTo(400);
        assertThat(e.status()).isEqualTo("INVALID_ARGUMENT");

        GenerateContentConfig none = withTool.toBuilder().toolConfig(ToolConfig.builder()
                .functionCallingConfig(FunctionCallingConfig.builder().mode("NONE").build()).build()).build();
        assertThat(client.models.generateContent(MODEL, List.of(question), none).text()).isEqualTo(FakeAnswers.TEXT);
    }

    @Test
    void thoughtsComeFirstAndTheAnswerCarriesASignature() {
        GenerateContentConfig thinking = config()
                .thinkingConfig(ThinkingConfig.builder().includeThoughts(true).thinkingBudget(1024).build()).build();
        List<Part> parts = client.models.generateContent(MODEL, "Hello there", thinking).parts();
        assertThat(parts.getFirst().thought()).contains(true);
        assertThat(parts.getFirst().text()).contains(FakeContent.THINKING);
        assertThat(parts.get(1).text()).contains(FakeAnswers.TEXT);
        assertThat(parts.get(1).thoughtSignature()).isPresent();

        List<GenerateContentResponse> chunks = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> s = client.models.generateContentStream(MODEL, "Hello there", thinking)) {
            s.forEach(chunks::add);
        }
        assertThat(chunks.getFirst().parts().getFirst().thought()).contains(true);
        assertThat(chunks.get(1).parts().getFirst().thoughtSignature().orElseThrow())
                .isEqualTo(parts.get(1).thoughtSignature().orElseThrow());
    }

    @Test
    void stopSequenceAndTinyMaxTokensCutTheText() {
        GenerateContentResponse stopped = client.models.generateContent(MODEL, "Hello there",
                config().stopSequences(List.of("fake")).build());
        assertThat(stopped.text()).isEqualTo("Hello from the ");
        assertThat(stopped.finishReason().knownEnum()).isEqualTo(FinishReason.Known.STOP);

        GenerateContentResponse cut = client.models.generateContent(MODEL, "Hello there", config().maxOutputTokens(3).build());
        assertThat(cut.text()).isEqualTo("Hello from the");
        assertThat(cut.finishReason().knownEnum()).isEqualTo(FinishReason.Known.MAX_TOKENS);
    }

    @Test
    void countTokensEmbeddingsAndModels() {
        assertThat(client.models.countTokens(MODEL, "Hello there", null).totalTokens()).contains((int) PROMPT_TOKENS);
        assertThat(client.models.embedContent("text-embedding-fake", "Hello there", null).embeddings().orElseThrow())
                .singleElement().satisfies(e -> assertThat(e.values().orElseThrow()).hasSize(3));
        List<Model> models = new ArrayList<>();
        client.models.list(ListModelsConfig.builder().build()).forEach(models::add);
        assertThat(models).extracting(m -> m.name().orElseThrow()).contains("models/" + GeminiAnswers.MODEL);
        assertThat(fake.requests()).extracting(FakeUpstream.Recorded::dialect).containsOnly(FakeUpstream.Dialect.GEMINI);
    }

    @Test
    void statusFaultsSurfaceAsTheSdkExceptions() {
        for (int status : new int[] {400, 401, 403, 429}) {
            fake.enqueue(Fault.status(status));
            ClientException e = catchThrowableOfType(ClientException.class,
                    () -> client.models.generateContent(MODEL, "Hello there", null));
            assertThat(e.code()).isEqualTo(status);
        }
        fake.enqueue(new Fault.Status(429, "3", null));
        ApiException limited = catchThrowableOfType(ApiException.class, () -> client.models.generateContent(MODEL, "Hi", null));
        assertThat(limited.status()).isEqualTo("RESOURCE_EXHAUSTED");
        fake.enqueue(Fault.status(503));
        ServerException down = catchThrowableOfType(ServerException.class, () -> client.models.generateContent(MODEL, "Hi", null));
        assertThat(down.code()).isEqualTo(503);
        assertThat(down.status()).isEqualTo("UNAVAILABLE");
    }

    @Test
    void whatTheRealApiRejectsIsRejected() {
        ClientException hot = catchThrowableOfType(ClientException.class,
                () -> client.models.generateContent(MODEL, "Hi", config().temperature(2.5f).build()));
        assertThat(hot.code()).isEqualTo(400);
        assertThat(hot.message()).contains("temperature");
        ClientException zero = catchThrowableOfType(ClientException.class,
                () -> client.models.generateContent(MODEL, "Hi", config().candidateCount(0).build()));
        assertThat(zero.message()).contains("candidate_count");
        Content system = Content.builder().role("system").parts(List.of(Part.fromText("Be brief"))).build();
        ClientException role = catchThrowableOfType(ClientException.class,
                () -> client.models.generateContent(MODEL, List.of(system), null));
        assertThat(role.message()).isEqualTo("Please use a valid role: user, model.");
    }

    @Test
    void streamFaultsCutTheStreamAsTheSdkSeesIt() {
        fake.enqueue(new Fault.ResetAfterEvents(1));
        List<GenerateContentResponse> seen = new ArrayList<>();
        assertThat(catchThrowableOfType(RuntimeException.class, () -> {
            try (ResponseStream<GenerateContentResponse> s = client.models.generateContentStream(MODEL, "Hello there", null)) {
                s.forEach(seen::add);
            }
        })).isNotNull();
        assertThat(seen).hasSize(1);
        assertThat(fake.answerState(seen.getFirst().responseId().orElseThrow())).isEqualTo(FakeUpstream.AnswerState.BROKEN);
    }
}
