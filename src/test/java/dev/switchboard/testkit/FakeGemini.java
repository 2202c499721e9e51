package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.GeminiRules.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Gemini dialect: {@code POST /v1beta/{model}:generateContent} (and the same under {@code v1}), {@code :streamGenerateContent}
 * (SSE with {@code ?alt=sse}, else the JSON array the API streams by default), {@code :countTokens},
 * {@code :embedContent}, {@code :batchEmbedContents}, and {@code GET /v1beta/models}. Model names may
 * contain slashes. A key must come as {@code x-goog-api-key} or {@code ?key=} (403 otherwise, as the
 * API answers callers without identity), and requests are checked by {@link GeminiRules}. Function calls are
 * signed as Gemini 3 signs them, and a call sent back without its signature is refused ({@link GeminiCallSignatures}).
 */
final class FakeGemini implements FakeDialect {
    /** {version}/{resource}:{action}, e.g. v1beta / models/anthropic/claude-x / generateContent. */
    private static final Pattern ACTION = Pattern.compile("^/(v1beta|v1alpha|v1)/(.+):([A-Za-z]+)$");
    private static final Pattern LIST = Pattern.compile("^/(v1beta|v1alpha|v1)/models(/.+)?$");
    static final String SSE = "text/event-stream";

    private final IntSupplier nextAnswer;
    private final String idPrefix;
    private final GeminiCallSignatures signatures = new GeminiCallSignatures();

    FakeGemini(IntSupplier nextAnswer, int port) {
        this.nextAnswer = nextAnswer;
        this.idPrefix = idPrefix(port);
    }

    static String idPrefix(int port) {
        return "gemini-fake-" + port + "-";
    }

    @Override
    public FakeUpstream.Dialect name() {
        return FakeUpstream.Dialect.GEMINI;
    }

    /**
     * Paths under {@code v1beta} and {@code v1alpha}, and the {@code v1} paths of Gemini's shape. The SDK
     * uses {@code v1} unless told otherwise, so {@code GET /v1/models} with a Google key is Gemini's too.
     */
    @Override
    public boolean handles(FakeRequest r) {
        return r.path().startsWith("/v1beta/") || r.path().startsWith("/v1alpha/")
                || (r.isPost() && ACTION.matcher(r.path()).matches()) // not GET: OpenAI model ids may hold colons
                || (r.path().startsWith("/v1/models") && (r.header("x-goog-api-key") != null || r.query().containsKey("key")));
    }

    @Override
    public boolean isStream(FakeRequest r) {
        return r.path().endsWith(":streamGenerateContent");
    }

    @Override
    public FakeReply answer(FakeRequest r) {
        String key = r.header("x-goog-api-key") != null ? r.header("x-goog-api-key") : r.query().get("key");
        if (key == null || key.isBlank()) {
            return error(r, 403, "Method doesn't allow unregistered callers (callers without established identity)."
                    + " Please use API Key or other form of API consumer identity to call this API.");
        }
        Matcher list = LIST.matcher(r.path());
        if (r.method().equals("GET") && list.matches()) {
            return list.group(2) == null ? FakeReply.json(200, GeminiAnswers.models())
                    : FakeReply.json(200, GeminiAnswers.model(list.group(2).substring(1)).toString());
        }
        Matcher action = ACTION.matcher(r.path());
        if (!r.isPost() || !action.matches()) {
            return error(r, 404, "Requested entity was not found.");
        }
        JsonNode request;
        try {
            request = r.json();
        } catch (Exception e) {
            return error(r, 400, "Invalid JSON payload received. Unexpected token.");
        }
        String model = action.group(2).startsWith("models/") ? action.group(2).substring("models/".length()) : action.group(2);
        return switch (action.group(3)) {
            case "generateContent", "streamGenerateContent" -> generate(r, request, model);
            case "countTokens" -> {
                JsonNode inner = GeminiRules.get(request, "generateContentRequest");
                Optional<Rejection> problem = GeminiRules.check(inner.isMissingNode() ? request : inner);
                yield problem.isPresent() ? rejection(problem.get()) : FakeReply.json(200, GeminiAnswers.countTokens());
            }
            case "embedContent" -> GeminiRules.get(GeminiRules.get(request, "content"), "parts").isEmpty()
                    ? error(r, 400, "* EmbedContentRequest.content: content is not specified\n")
                    : FakeReply.json(200, GeminiAnswers.embedContent());
            case "batchEmbedContents" -> request.path("requests").isEmpty()
                    ? error(r, 400, "* BatchEmbedContentsRequest.requests: requests is not specified\n")
                    : FakeReply.json(200, GeminiAnswers.batchEmbedContents(request.path("requests").size()));
            default -> error(r, 404, "Requested entity was not found.");
        };
    }

    private FakeReply generate(FakeRequest r, JsonNode request, String model) {
        Optional<Rejection> problem = GeminiRules.check(request).or(() -> signatures.check(request));
        if (problem.isPresent()) {
            return rejection(problem.get());
        }
        int n = nextAnswer.getAsInt();
        GeminiAnswers.Plan plan = GeminiAnswers.plan(request);
        String id = idPrefix + n;
        signatures.sign(request, plan.parts(), id);
        if (!isStream(r)) {
            return new FakeReply.Whole(200, Map.of(), GeminiAnswers.response(plan, model, id), n);
        }
        List<String> chunks = GeminiAnswers.chunks(plan, model, id);
        List<String> events = new ArrayList<>();
        if ("sse".equals(r.query().get("alt"))) {
            chunks.forEach(c -> events.add("data: " + c + "\r\n\r\n"));
            return new FakeReply.Stream(Map.of(), SSE, events, n);
        }
        // without alt=sse the API streams one JSON array, element by element
        for (int i = 0; i < chunks.size(); i++) {
            events.add((i == 0 ? "[" : ",\r\n") + chunks.get(i));
        }
        events.add("]");
        return new FakeReply.Stream(Map.of(), "application/json; charset=UTF-8", events, n);
    }

    private static FakeReply rejection(Rejection rejection) {
        return FakeReply.json(400, GeminiAnswers.error(400, rejection.message(), rejection.field()));
    }

    @Override
    public FakeReply.Whole error(FakeRequest request, int status, String message) {
        return FakeReply.json(status, GeminiAnswers.error(status, message, null));
    }

    @Override
    public String errorEvent(int status, String message) {
        return "data: " + GeminiAnswers.error(status, message, null) + "\r\n\r\n";
    }

    @Override
    public LongStream longStream(String content) {
        String chunk = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + content + "\"}],\"role\":\"model\"},"
                + "\"index\":0}],\"modelVersion\":\"" + GeminiAnswers.MODEL + "\",\"responseId\":\"long\"}\r\n\r\n";
        String last = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":" + GeminiAnswers.usage()
                + ",\"modelVersion\":\"" + GeminiAnswers.MODEL + "\",\"responseId\":\"long\"}\r\n\r\n";
        return new LongStream(List.of(), chunk, List.of(last));
    }
}
