package dev.switchboard.format.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ApiException;
import com.google.genai.types.Content;
import com.google.genai.types.FunctionDeclaration;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import com.google.genai.types.ThinkingConfig;
import com.google.genai.types.Tool;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.Choice;
import dev.switchboard.model.chat.Reasoning;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.StreamText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official google-genai Java SDK against what this codec writes (answers, streams, errors,
 * countTokens, embeddings) and the requests that SDK builds against what this codec reads. A plain
 * JDK HTTP server stands in for the gateway: it records the SDK's request and answers the bytes the
 * test prepared.
 */
class GeminiSdkTest {
    private static final String SIGNATURE = Base64.getEncoder().encodeToString("thought-signature".getBytes(StandardCharsets.UTF_8));
    private final GeminiCodec codec = new GeminiCodec(GeminiFixtures.CLOCK);
    private HttpServer server;
    private Client client;
    private volatile String requestPath;
    private volatile byte[] requestBody;
    private volatile int answerStatus = 200;
    private volatile String answerType = "application/json";
    private volatile byte[] answer = new byte[0];

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requestPath = exchange.getRequestURI().toString();
            requestBody = exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", answerType);
            exchange.sendResponseHeaders(answerStatus, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        client = Client.builder().apiKey("test-key").httpOptions(HttpOptions.builder()
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/")
                .apiVersion("v1beta") // SDK 2.0.0 defaults to v1 against a custom base URL
                .retryOptions(HttpRetryOptions.builder().attempts(1).build())
                .build()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    private void answer(int status, String type, byte[] body) {
        answerStatus = status;
        answerType = type;
        answer = body;
    }

    private static GenerateContentConfig config() {
        return GenerateContentConfig.builder()
                .systemInstruction(Content.fromParts(Part.fromText("Be brief.")))
                .temperature(0.25f)
                .maxOutputTokens(300)
                .thinkingConfig(ThinkingConfig.builder().thinkingBudget(512).includeThoughts(true).build())
                .tools(Tool.builder().functionDeclarations(FunctionDeclaration.builder().name("lookup")
                        .description("Looks a word up").parametersJsonSchema(Map.of("type", "object", "properties",
                                Map.of("word", Map.of("type", "string")))).build()).build())
                .build();
    }

    @Test
    void generateContentBothWays() {
        ChatResponse canned = new ChatResponse("resp-1", "gemini-2.5-flash", 1, List.of(new Choice(0, List.of(
                new dev.switchboard.model.chat.Part.Thinking("Considering.", null),
                new dev.switchboard.model.chat.Part.Text("Let me look it up."),
                new dev.switchboard.model.chat.Part.ToolCall("call-7", "lookup", "{\"word\":\"gecko\"}", SIGNATURE)),
                StopReason.TOOL_USE, null)), new Usage(30, 25, 0, 0, 15, false));
        answer(200, "application/json", codec.encodeResponse(canned, null));

        GenerateContentResponse r = client.models.generateContent("gemini-2.5-flash", "What is a gecko?", config());

        assertThat(requestPath).startsWith("/v1beta/models/gemini-2.5-flash:generateContent");
        ChatRequest seen = codec.decodeRequest(requestBody, "gemini-2.5-flash", false);
        assertThat(seen.systemText()).isEqualTo("Be brief.");
        assertThat(seen.sampling().temperature()).isEqualTo(0.25);
        assertThat(seen.maxTokens()).isEqualTo(300);
        assertThat(seen.reasoning()).isEqualTo(new Reasoning(true, null, 512, true));
        assertThat(seen.tools()).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("lookup"));
        assertThat(seen.messages()).singleElement().satisfies(m -> assertThat(m.parts())
                .containsExactly(new dev.switchboard.model.chat.Part.Text("What is a gecko?")));

        assertThat(r.responseId()).contains("resp-1");
        assertThat(r.functionCalls()).singleElement().satisfies(call -> {
            assertThat(call.name()).contains("lookup");
            assertThat(call.id()).contains("call-7");
            assertThat(call.args().orElseThrow()).containsEntry("word", "gecko");
        });
        List<Part> parts = r.candidates().orElseThrow().get(0).content().orElseThrow().parts().orElseThrow();
        assertThat(parts.get(0).thought()).contains(true);
        assertThat(parts.get(2).thoughtSignature().map(b -> new String(b, StandardCharsets.UTF_8))).contains("thought-signature");
        assertThat(r.finishReason().toString()).isEqualTo("STOP");
        assertThat(r.usageMetadata().orElseThrow().thoughtsTokenCount()).contains(15);
        assertThat(r.usageMetadata().orElseThrow().candidatesTokenCount()).contains(10);
    }

    @Test
    void streamedChunksParseAndTheLastCarriesUsage() {
        GeminiStreamEncoder encoder = new GeminiStreamEncoder();
        StreamText sse = new StreamText();
        for (StreamEvent e : List.of(
                new StreamEvent.Start("msg_9", "claude-sonnet-4-5", 1, new Usage(11, 0, 0, 0, 0, false)),
                StreamEvent.BlockStart.thinking(0), new StreamEvent.ThinkingDelta(0, "Hmm."),
                new StreamEvent.SignatureDelta(0, SIGNATURE), new StreamEvent.BlockStop(0),
                StreamEvent.BlockStart.text(1), new StreamEvent.TextDelta(1, "Geckos "), new StreamEvent.TextDelta(1, "are lizards."),
                new StreamEvent.BlockStop(1), StreamEvent.BlockStart.toolCall(2, "toolu_2", "lookup"),
                new StreamEvent.ToolArgsDelta(2, "{\"word\":"), new StreamEvent.ToolArgsDelta(2, "\"gecko\"}"),
                new StreamEvent.BlockStop(2), new StreamEvent.Finish(StopReason.TOOL_USE, null, new Usage(11, 20, 0, 0, 5, false)))) {
            encoder.encode(e, sse);
        }
        answer(200, "text/event-stream", sse.toString().getBytes(StandardCharsets.UTF_8));

        List<GenerateContentResponse> chunks = new ArrayList<>();
        try (ResponseStream<GenerateContentResponse> stream =
                client.models.generateContentStream("gemini-2.5-flash", "Tell me about geckos", config())) {
            stream.forEach(chunks::add);
        }

        assertThat(requestPath).startsWith("/v1beta/models/gemini-2.5-flash:streamGenerateContent").contains("alt=sse");
        assertThat(codec.decodeRequest(requestBody, "gemini-2.5-flash", true).messages()).hasSize(1);
        StringBuilder text = new StringBuilder();
        for (GenerateContentResponse c : chunks) {
            for (Part p : c.candidates().orElseThrow().get(0).content().orElseThrow().parts().orElse(List.of())) {
                if (!p.thought().orElse(false)) {
                    p.text().ifPresent(text::append);
                }
            }
        }
        assertThat(text.toString()).isEqualTo("Geckos are lizards.");
        assertThat(chunks).flatMap(GenerateContentResponse::functionCalls).singleElement()
                .satisfies(call -> assertThat(call.args().orElseThrow()).containsEntry("word", "gecko"));
        GenerateContentResponse last = chunks.get(chunks.size() - 1);
        assertThat(last.finishReason().toString()).isEqualTo("STOP");
        assertThat(last.usageMetadata().orElseThrow().promptTokenCount()).contains(11);
        assertThat(last.usageMetadata().orElseThrow().totalTokenCount()).contains(31);
    }

    @Test
    void errorsReachTheSdkWithTheirCodeAndStatus() {
        answer(429, "application/json", codec.encodeError(new GatewayError(ErrorKind.RATE_LIMITED, "Key limit reached")));
        assertThatThrownBy(() -> client.models.generateContent("gemini-2.5-flash", "hi", null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(429);
                    assertThat(e.status()).isEqualTo("RESOURCE_EXHAUSTED");
                    assertThat(e.message()).isEqualTo("Key limit reached");
                });
        answer(400, "application/json", codec.encodeError(GatewayError.invalid("'generationConfig.topK' must be an integer",
                "generationConfig.topK")));
        assertThatThrownBy(() -> client.models.generateContent("gemini-2.5-flash", "hi", null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo("INVALID_ARGUMENT"));
    }

    @Test
    void aMidStreamErrorChunkStopsTheSdkWithAnApiError() {
        GeminiStreamEncoder encoder = new GeminiStreamEncoder();
        StreamText sse = new StreamText();
        encoder.encode(new StreamEvent.Start("r", "m", 1, Usage.NONE), sse);
        encoder.encode(StreamEvent.BlockStart.text(0), sse);
        encoder.encode(new StreamEvent.TextDelta(0, "partial"), sse);
        encoder.encode(new StreamEvent.Error(ErrorKind.OVERLOADED, "upstream overloaded", Usage.NONE), sse);
        answer(200, "text/event-stream", sse.toString().getBytes(StandardCharsets.UTF_8));

        List<String> texts = new ArrayList<>();
        assertThatThrownBy(() -> {
            try (ResponseStream<GenerateContentResponse> stream = client.models.generateContentStream("m", "hi", null)) {
                stream.forEach(c -> texts.add(c.text()));
            }
        }).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(503));
        assertThat(texts).containsExactly("partial");
    }

    @Test
    void countTokensBothWays() {
        answer(200, "application/json", GeminiCountTokens.render(42));
        var r = client.models.countTokens("gemini-2.5-flash", "How many tokens is this?", null);
        assertThat(r.totalTokens()).contains(42);
        assertThat(requestPath).startsWith("/v1beta/models/gemini-2.5-flash:countTokens");
        ChatRequest seen = GeminiCountTokens.decode(requestBody, "gemini-2.5-flash");
        assertThat(seen.messages()).singleElement().satisfies(m -> assertThat(m.parts())
                .containsExactly(new dev.switchboard.model.chat.Part.Text("How many tokens is this?")));
    }

    @Test
    void embeddingsFromAnOpenAiUpstreamReachTheSdk() {
        byte[] openAiAnswer = ("{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.5,-0.25]},"
                + "{\"object\":\"embedding\",\"index\":1,\"embedding\":[1.0,0.125]}],\"model\":\"text-embedding-3-small\","
                + "\"usage\":{\"prompt_tokens\":4,\"total_tokens\":4}}").getBytes(StandardCharsets.UTF_8);
        // the SDK sends lists of texts to :batchEmbedContents; answer in kind
        answer(200, "application/json", GeminiEmbeddings.toGeminiResponse(openAiAnswer,
                new GeminiEmbeddings.GeminiRequest("m", List.of("a", "b"), null, true, List.of())));
        var r = client.models.embedContent("gemini-embedding-001", List.of("first", "second"), null);
        assertThat(requestPath).startsWith("/v1beta/models/gemini-embedding-001:batchEmbedContents");
        GeminiEmbeddings.GeminiRequest seen = GeminiEmbeddings.parseGeminiRequest(requestBody, "gemini-embedding-001", true);
        assertThat(seen.texts()).containsExactly("first", "second");
        assertThat(r.embeddings().orElseThrow()).hasSize(2);
        assertThat(r.embeddings().orElseThrow().get(1).values().orElseThrow()).containsExactly(1.0f, 0.125f);
    }
}
