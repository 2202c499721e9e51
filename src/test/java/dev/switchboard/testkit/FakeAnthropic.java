package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * The Anthropic Messages dialect: {@code POST /v1/messages} (whole and streamed),
 * {@code POST /v1/messages/count_tokens} and {@code GET /v1/models} when {@code anthropic-version} is
 * sent. Like the real API it wants a key (401 otherwise) and {@code anthropic-version} (400 otherwise),
 * answers every request with a {@code request-id} header, and rejects what {@link AnthropicRules}
 * rejects. The key may come as {@code x-api-key} or as {@code Authorization: Bearer}: the official Java
 * SDK (3.x) sends an API key as a bearer token unless an {@code x-api-key} header is set explicitly.
 */
final class FakeAnthropic implements FakeDialect {
    static final String SSE = "text/event-stream; charset=utf-8";

    private final IntSupplier nextAnswer;
    private final String idPrefix;
    private final String toolIdPrefix;
    private final AtomicLong requestIds = new AtomicLong();

    FakeAnthropic(IntSupplier nextAnswer, int port) {
        this.nextAnswer = nextAnswer;
        this.idPrefix = idPrefix(port);
        this.toolIdPrefix = "toolu_fake_" + port + "_";
    }

    static String idPrefix(int port) {
        return "msg_fake_" + port + "_";
    }

    @Override
    public FakeUpstream.Dialect name() {
        return FakeUpstream.Dialect.ANTHROPIC;
    }

    @Override
    public boolean handles(FakeRequest r) {
        return r.path().equals("/v1/messages") || r.path().startsWith("/v1/messages/")
                || (r.path().startsWith("/v1/models") && r.header("anthropic-version") != null);
    }

    @Override
    public boolean isStream(FakeRequest r) {
        try {
            return r.path().equals("/v1/messages") && r.json().path("stream").asBoolean(false);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public FakeReply answer(FakeRequest r) {
        String key = r.header("x-api-key");
        String bearer = r.header("authorization");
        if ((key == null || key.isBlank()) && (bearer == null || !bearer.startsWith("Bearer ") || bearer.length() <= 7)) {
            return error(r, 401, "x-api-key header is required");
        }
        if (r.header("anthropic-version") == null) {
            return error(r, 400, "anthropic-version: header is required");
        }
        if (r.method().equals("GET") && r.path().equals("/v1/models")) {
            return ok(r, AnthropicAnswers.models());
        }
        if (r.method().equals("GET") && r.path().startsWith("/v1/models/")) {
            return ok(r, AnthropicAnswers.model(r.path().substring("/v1/models/".length())).toString());
        }
        boolean count = r.path().equals("/v1/messages/count_tokens");
        if (!r.isPost() || !(count || r.path().equals("/v1/messages"))) {
            return error(r, 404, "Not Found");
        }
        JsonNode request;
        try {
            request = r.json();
        } catch (Exception e) {
            return error(r, 400, "There was an issue with the format or content of your request.");
        }
        if (!request.isObject()) {
            return error(r, 400, "Input should be a valid dictionary or object to extract fields from");
        }
        Optional<String> problem = AnthropicRules.check(request, count, r.header("anthropic-beta") != null);
        if (problem.isPresent()) {
            return error(r, 400, problem.get());
        }
        if (count) {
            return ok(r, AnthropicAnswers.countTokens());
        }
        int n = nextAnswer.getAsInt();
        AnthropicAnswers.Plan plan = AnthropicAnswers.plan(request, toolIdPrefix + n);
        String id = idPrefix + n;
        if (request.path("stream").asBoolean(false)) {
            return new FakeReply.Stream(Map.of("request-id", requestId()), SSE, AnthropicAnswers.stream(request, id, plan), n);
        }
        return new FakeReply.Whole(200, Map.of("request-id", requestId()), AnthropicAnswers.message(request, id, plan), n);
    }

    @Override
    public FakeReply.Whole error(FakeRequest request, int status, String message) {
        String id = requestId();
        return new FakeReply.Whole(status, Map.of("request-id", id), AnthropicAnswers.error(status, message, id), -1);
    }

    @Override
    public String errorEvent(int status, String message) {
        return AnthropicAnswers.event("error", AnthropicAnswers.error(status, message, requestId()));
    }

    @Override
    public LongStream longStream(String content) {
        String start = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_long\",\"type\":\"message\",\"role\":\"assistant\","
                + "\"content\":[],\"model\":\"fake\",\"stop_reason\":null,\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}";
        String delta = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + content + "\"}}";
        return new LongStream(
                List.of(AnthropicAnswers.event("message_start", start),
                        AnthropicAnswers.event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")),
                AnthropicAnswers.event("content_block_delta", delta),
                List.of(AnthropicAnswers.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                        AnthropicAnswers.event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                                + "\"usage\":{\"output_tokens\":1}}"),
                        AnthropicAnswers.event("message_stop", "{\"type\":\"message_stop\"}")));
    }

    private FakeReply.Whole ok(FakeRequest r, String body) {
        return new FakeReply.Whole(200, Map.of("request-id", requestId()), body, -1);
    }

    private String requestId() {
        return "req_fake" + String.format("%020d", requestIds.incrementAndGet());
    }
}
