package dev.switchboard.testkit;

import static dev.switchboard.testkit.FakeUpstream.CACHED_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.COMPLETION_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.PROMPT_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.REASONING_TOKENS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI-shaped answers of the fake upstream, modelled on the API reference examples: chat completions
 * (the text cut by {@code stop} and a tiny {@code max_tokens} as {@link FakeContent#cut} says), embeddings
 * and models. Responses answers are {@link ResponsesAnswers}; the other dialects' are
 * {@link AnthropicAnswers} and {@link GeminiAnswers}; what they all say is in {@link FakeContent}.
 */
public final class FakeAnswers {
    /** The text of every plain (non-tool) answer, in every dialect. */
    public static final String TEXT = "Hello from the fake upstream";
    /** The chat id of answers built without one; {@link FakeUpstream} stamps its own per answer. */
    static final String DEFAULT_CHAT_ID = "chatcmpl-fake";

    private FakeAnswers() {}

    /** Asked for tools and not yet given a tool result: the model calls the first tool. */
    static boolean wantsToolCall(JsonNode request) {
        JsonNode messages = request.path("messages");
        boolean hasToolResult = false;
        for (JsonNode m : messages) {
            hasToolResult |= "tool".equals(m.path("role").asText());
        }
        return request.path("tools").size() > 0 && !hasToolResult
                && !"none".equals(request.path("tool_choice").asText());
    }

    static String chat(JsonNode request) {
        return chat(request, DEFAULT_CHAT_ID);
    }

    /** A whole chat answer whose {@code id} is {@code id}. */
    static String chat(JsonNode request, String id) {
        ObjectNode root = base(request, "chat.completion", id);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (wantsToolCall(request)) {
            message.putNull("content");
            ObjectNode call = message.putArray("tool_calls").addObject();
            call.put("id", "call_fake_1");
            call.put("type", "function");
            call.putObject("function").put("name", toolName(request)).put("arguments", "{\"city\":\"Paris\"}");
            choice.put("finish_reason", "tool_calls");
        } else {
            FakeContent.Cut cut = cut(request);
            message.put("content", cut.text());
            message.putNull("refusal");
            choice.put("finish_reason", finishReason(cut));
        }
        choice.putNull("logprobs");
        root.set("usage", chatUsage());
        return root.toString();
    }

    static List<String> chatStream(JsonNode request) {
        return chatStream(request, DEFAULT_CHAT_ID);
    }

    /** A streamed chat answer whose every chunk carries {@code id}. */
    static List<String> chatStream(JsonNode request, String id) {
        List<String> events = new ArrayList<>();
        boolean tool = wantsToolCall(request);
        events.add(chunk(request, id, d -> d.put("role", "assistant").put("content", ""), null));
        if (tool) {
            events.add(chunk(request, id, d -> {
                ObjectNode call = d.putArray("tool_calls").addObject();
                call.put("index", 0);
                call.put("id", "call_fake_1");
                call.put("type", "function");
                call.putObject("function").put("name", toolName(request)).put("arguments", "");
            }, null));
            for (String part : List.of("{\"city\"", ":\"Paris\"}")) {
                events.add(chunk(request, id, d -> d.putArray("tool_calls").addObject().put("index", 0)
                        .putObject("function").put("arguments", part), null));
            }
            events.add(chunk(request, id, d -> { }, "tool_calls"));
        } else {
            FakeContent.Cut cut = cut(request);
            for (String w : FakeContent.words(cut.text())) {
                events.add(chunk(request, id, d -> d.put("content", w), null));
            }
            events.add(chunk(request, id, d -> { }, finishReason(cut)));
        }
        if (request.path("stream_options").path("include_usage").asBoolean(false)) {
            ObjectNode last = base(request, "chat.completion.chunk", id);
            last.putArray("choices");
            last.set("usage", chatUsage());
            events.add("data: " + last + "\n\n");
        }
        events.add("data: [DONE]\n\n");
        return events;
    }

    /** The text as {@code stop} (a string or up to four) and {@code max_tokens}/{@code max_completion_tokens} cut it. */
    private static FakeContent.Cut cut(JsonNode request) {
        List<String> stops = new ArrayList<>();
        JsonNode stop = request.path("stop");
        if (stop.isTextual()) {
            stops.add(stop.asText());
        }
        stop.forEach(s -> stops.add(s.asText()));
        long max = request.path("max_completion_tokens").asLong(request.path("max_tokens").asLong(0));
        return FakeContent.cut(stops, max);
    }

    /** OpenAI says {@code stop} for a stop sequence as for a natural end, and {@code length} for the limit. */
    private static String finishReason(FakeContent.Cut cut) {
        return cut.stop() == FakeContent.Stop.MAX_TOKENS ? "length" : "stop";
    }

    private static String chunk(JsonNode request, String id, java.util.function.Consumer<ObjectNode> delta, String finish) {
        ObjectNode root = base(request, "chat.completion.chunk", id);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        delta.accept(choice.putObject("delta"));
        choice.putNull("logprobs");
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        if (request.path("stream_options").path("include_usage").asBoolean(false)) {
            root.putNull("usage");
        }
        return "data: " + root + "\n\n";
    }

    static String embeddings(JsonNode request) {
        ObjectNode root = FakeUpstream.JSON.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        int n = request.path("input").isArray() ? request.path("input").size() : 1;
        for (int i = 0; i < n; i++) {
            ObjectNode e = data.addObject();
            e.put("object", "embedding").put("index", i);
            e.putArray("embedding").add(0.0023064255).add(-0.009327292).add(0.015797347);
        }
        root.put("model", request.path("model").asText());
        root.putObject("usage").put("prompt_tokens", PROMPT_TOKENS).put("total_tokens", PROMPT_TOKENS);
        return root.toString();
    }

    static String models() {
        return "{\"object\":\"list\",\"data\":[{\"id\":\"fake-model\",\"object\":\"model\",\"created\":1686935002,\"owned_by\":\"fake\"}]}";
    }

    static String error(int status) {
        String type = switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> "server_error";
        };
        return "{\"error\":{\"message\":\"fake upstream error " + status + "\",\"type\":\"" + type
                + "\",\"param\":null,\"code\":\"fake_" + status + "\"}}";
    }

    private static ObjectNode base(JsonNode request, String object, String id) {
        ObjectNode root = FakeUpstream.JSON.createObjectNode();
        root.put("id", id);
        root.put("object", object);
        root.put("created", 1_741_569_952L);
        root.put("model", request.path("model").asText());
        return root;
    }

    private static ObjectNode chatUsage() {
        ObjectNode u = FakeUpstream.JSON.createObjectNode();
        u.put("prompt_tokens", PROMPT_TOKENS);
        u.put("completion_tokens", COMPLETION_TOKENS);
        u.put("total_tokens", PROMPT_TOKENS + COMPLETION_TOKENS);
        u.putObject("prompt_tokens_details").put("cached_tokens", CACHED_TOKENS).put("audio_tokens", 0);
        u.putObject("completion_tokens_details").put("reasoning_tokens", REASONING_TOKENS).put("audio_tokens", 0);
        return u;
    }

    private static String toolName(JsonNode request) {
        return request.path("tools").path(0).path("function").path("name").asText("get_weather");
    }
}
