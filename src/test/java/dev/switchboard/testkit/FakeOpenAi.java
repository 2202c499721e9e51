package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The OpenAI dialect: chat completions, responses, embeddings and models, answered by {@link FakeAnswers}.
 * Lenient but for one rule of the real API that translated histories meet: a chat tool-call id may hold
 * at most 40 characters.
 */
final class FakeOpenAi implements FakeDialect {
    private static final int MAX_TOOL_CALL_ID = 40;

    private final IntSupplier nextAnswer;
    private final String idPrefix;

    FakeOpenAi(IntSupplier nextAnswer, String idPrefix) {
        this.nextAnswer = nextAnswer;
        this.idPrefix = idPrefix;
    }

    @Override
    public FakeUpstream.Dialect name() {
        return FakeUpstream.Dialect.OPENAI;
    }

    /** The fallback dialect: everything the others do not claim. */
    @Override
    public boolean handles(FakeRequest request) {
        return true;
    }

    @Override
    public boolean isStream(FakeRequest request) {
        try {
            return request.json().path("stream").asBoolean(false);
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public FakeReply answer(FakeRequest r) {
        JsonNode request;
        try {
            request = r.json();
        } catch (Exception e) {
            return FakeReply.json(400, FakeAnswers.error(400));
        }
        if ("GET".equals(r.method()) && r.path().startsWith("/v1/models")) {
            return FakeReply.json(200, FakeAnswers.models());
        }
        boolean stream = request.path("stream").asBoolean(false);
        return switch (r.path()) {
            case "/v1/chat/completions" -> {
                String tooLong = tooLongToolCallId(request);
                if (tooLong != null) {
                    yield FakeReply.json(400, tooLong);
                }
                int n = nextAnswer.getAsInt();
                String id = idPrefix + n;
                yield stream
                        ? new FakeReply.Stream(Map.of(), SSE, FakeAnswers.chatStream(request, id), n)
                        : new FakeReply.Whole(200, Map.of(), FakeAnswers.chat(request, id), n);
            }
            case "/v1/responses" -> stream
                    ? new FakeReply.Stream(Map.of(), SSE, ResponsesAnswers.stream(request), -1)
                    : FakeReply.json(200, ResponsesAnswers.response(request));
            case "/v1/embeddings" -> FakeReply.json(200, FakeAnswers.embeddings(request));
            default -> FakeReply.json(404, FakeAnswers.error(404));
        };
    }

    /** OpenAI's answer to a {@code tool_calls[].id} over its 40 characters, or null when all fit. */
    private static String tooLongToolCallId(JsonNode request) {
        JsonNode messages = request.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode calls = messages.get(i).path("tool_calls");
            for (int j = 0; j < calls.size(); j++) {
                int length = calls.get(j).path("id").asText("").length();
                if (length > MAX_TOOL_CALL_ID) {
                    String param = "messages[" + i + "].tool_calls[" + j + "].id";
                    ObjectNode error = FakeContent.object();
                    error.putObject("error").put("message", "Invalid '" + param + "': string too long. Expected a string"
                                    + " with maximum length " + MAX_TOOL_CALL_ID + ", but got a string with length " + length
                                    + " instead.").put("type", "invalid_request_error").put("param", param)
                            .put("code", "string_above_max_length");
                    return error.toString();
                }
            }
        }
        return null;
    }

    @Override
    public FakeReply.Whole error(FakeRequest request, int status, String message) {
        return FakeReply.json(status, FakeAnswers.error(status));
    }

    @Override
    public String errorEvent(int status, String message) {
        return "data: " + FakeAnswers.error(status) + "\n\n";
    }

    @Override
    public LongStream longStream(String content) {
        String event = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n";
        return new LongStream(List.of(), event, List.of("data: [DONE]\n\n"));
    }

    static final String SSE = "text/event-stream";
}
