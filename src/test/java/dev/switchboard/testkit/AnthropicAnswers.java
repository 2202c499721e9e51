package dev.switchboard.testkit;

import static dev.switchboard.testkit.FakeContent.object;
import static dev.switchboard.testkit.FakeUpstream.ANTHROPIC_INPUT_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.CACHED_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.CACHE_WRITE_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.COMPLETION_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.PROMPT_TOKENS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic Messages answers, modelled on the API reference and its streaming guide: one plan of
 * content blocks, rendered whole or as the event sequence message_start, content_block_start, ping,
 * content_block_delta…, content_block_stop, message_delta (stop reason and usage), message_stop.
 */
final class AnthropicAnswers {
    /** The opaque payload of the redacted thinking block this fake issues. */
    static final String REDACTED_DATA = FakeContent.sign("redacted", "redacted thinking of the fake upstream");

    private AnthropicAnswers() {}

    /** The blocks of one answer and why it stopped. */
    record Plan(List<ObjectNode> blocks, String stopReason, String stopSequence) {}

    static Plan plan(JsonNode request, String toolUseId) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (AnthropicRules.thinkingOn(request)) {
            blocks.add(object().put("type", "thinking").put("thinking", FakeContent.THINKING)
                    .put("signature", FakeContent.sign("thinking", FakeContent.THINKING)));
            if (lastUserText(request).contains(FakeContent.REDACTED_THINKING_TRIGGER)) {
                blocks.add(object().put("type", "redacted_thinking").put("data", REDACTED_DATA));
            }
        }
        if (wantsToolUse(request)) {
            ObjectNode use = object().put("type", "tool_use").put("id", toolUseId).put("name", toolName(request));
            use.set("input", FakeContent.toolArgs());
            blocks.add(use);
            return new Plan(blocks, "tool_use", null);
        }
        List<String> stops = new ArrayList<>();
        request.path("stop_sequences").forEach(s -> stops.add(s.asText()));
        FakeContent.Cut cut = FakeContent.cut(stops, request.path("max_tokens").asLong(0));
        blocks.add(object().put("type", "text").put("text", cut.text()));
        String reason = switch (cut.stop()) {
            case END -> "end_turn";
            case STOP_SEQUENCE -> "stop_sequence";
            case MAX_TOKENS -> "max_tokens";
        };
        return new Plan(blocks, reason, cut.sequence());
    }

    static String message(JsonNode request, String id, Plan plan) {
        ObjectNode m = head(request, id);
        ArrayNode content = (ArrayNode) m.get("content");
        plan.blocks().forEach(content::add);
        m.put("stop_reason", plan.stopReason());
        m.put("stop_sequence", plan.stopSequence());
        m.set("usage", usage(COMPLETION_TOKENS));
        return m.toString();
    }

    static List<String> stream(JsonNode request, String id, Plan plan) {
        List<String> events = new ArrayList<>();
        ObjectNode start = head(request, id);
        start.putNull("stop_reason");
        start.putNull("stop_sequence");
        start.set("usage", usage(1));
        events.add(event("message_start", object().put("type", "message_start").set("message", start)));
        for (int i = 0; i < plan.blocks().size(); i++) {
            block(events, i, plan.blocks().get(i));
            if (i == 0) {
                events.add(2, event("ping", object().put("type", "ping")));
            }
        }
        ObjectNode delta = object().put("type", "message_delta");
        delta.putObject("delta").put("stop_reason", plan.stopReason()).put("stop_sequence", plan.stopSequence());
        delta.set("usage", object().put("input_tokens", ANTHROPIC_INPUT_TOKENS)
                .put("cache_creation_input_tokens", CACHE_WRITE_TOKENS).put("cache_read_input_tokens", CACHED_TOKENS)
                .put("output_tokens", COMPLETION_TOKENS));
        events.add(event("message_delta", delta));
        events.add(event("message_stop", object().put("type", "message_stop")));
        return events;
    }

    /** One block as start, deltas and stop; the start carries the block with its content emptied. */
    private static void block(List<String> events, int index, ObjectNode block) {
        ObjectNode start = block.deepCopy();
        List<ObjectNode> deltas = new ArrayList<>();
        switch (block.path("type").asText()) {
            case "text" -> {
                start.put("text", "");
                FakeContent.words(block.path("text").asText()).forEach(
                        w -> deltas.add(object().put("type", "text_delta").put("text", w)));
            }
            case "thinking" -> {
                start.put("thinking", "").put("signature", "");
                FakeContent.words(block.path("thinking").asText()).forEach(
                        w -> deltas.add(object().put("type", "thinking_delta").put("thinking", w)));
                deltas.add(object().put("type", "signature_delta").put("signature", block.path("signature").asText()));
            }
            case "tool_use" -> {
                start.putObject("input");
                deltas.add(object().put("type", "input_json_delta").put("partial_json", ""));
                FakeContent.TOOL_ARG_FRAGMENTS.forEach(
                        f -> deltas.add(object().put("type", "input_json_delta").put("partial_json", f)));
            }
            default -> { } // redacted_thinking arrives whole in its start event
        }
        events.add(event("content_block_start",
                object().put("type", "content_block_start").put("index", index).set("content_block", start)));
        for (ObjectNode d : deltas) {
            events.add(event("content_block_delta",
                    object().put("type", "content_block_delta").put("index", index).set("delta", d)));
        }
        events.add(event("content_block_stop", object().put("type", "content_block_stop").put("index", index)));
    }

    static String countTokens() {
        return object().put("input_tokens", PROMPT_TOKENS).toString();
    }

    static final String MODEL_ID = "claude-fake-1";

    static ObjectNode model(String id) {
        return object().put("type", "model").put("id", id).put("display_name", "Claude Fake")
                .put("created_at", "2025-02-19T00:00:00Z").put("max_input_tokens", 200000).put("max_tokens", 64000)
                .put("lifecycle", "active");
    }

    static String models() {
        ObjectNode list = object();
        list.putArray("data").add(model(MODEL_ID));
        return list.put("has_more", false).put("first_id", MODEL_ID).put("last_id", MODEL_ID).toString();
    }

    static String error(int status, String message, String requestId) {
        String type = switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> status < 500 ? "invalid_request_error" : "api_error";
        };
        ObjectNode e = object().put("type", "error");
        e.putObject("error").put("type", type).put("message", message);
        return e.put("request_id", requestId).toString();
    }

    /** One SSE event; {@code data} is a JSON node or JSON text. */
    static String event(String name, Object data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private static ObjectNode head(JsonNode request, String id) {
        ObjectNode m = object().put("id", id).put("type", "message").put("role", "assistant");
        m.put("model", request.path("model").asText());
        m.putArray("content");
        return m;
    }

    private static ObjectNode usage(long output) {
        ObjectNode u = object().put("input_tokens", ANTHROPIC_INPUT_TOKENS)
                .put("cache_creation_input_tokens", CACHE_WRITE_TOKENS).put("cache_read_input_tokens", CACHED_TOKENS);
        u.putObject("cache_creation").put("ephemeral_5m_input_tokens", CACHE_WRITE_TOKENS).put("ephemeral_1h_input_tokens", 0);
        return u.put("output_tokens", output).put("service_tier", "standard");
    }

    /** Asked for tools, tool use not ruled out, and no tool result yet: the model calls a tool. */
    private static boolean wantsToolUse(JsonNode request) {
        if (request.path("tools").isEmpty() || request.path("tool_choice").path("type").asText("").equals("none")) {
            return false;
        }
        for (JsonNode m : request.path("messages")) {
            for (JsonNode b : m.path("content")) {
                if (b.path("type").asText().equals("tool_result")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String toolName(JsonNode request) {
        JsonNode choice = request.path("tool_choice");
        if (choice.path("type").asText("").equals("tool")) {
            return choice.path("name").asText();
        }
        for (JsonNode t : request.path("tools")) {
            if (t.hasNonNull("name")) {
                return t.path("name").asText();
            }
        }
        return "get_weather";
    }

    private static String lastUserText(JsonNode request) {
        JsonNode messages = request.path("messages");
        JsonNode last = messages.path(messages.size() - 1);
        return last.path("content").isTextual() ? last.path("content").asText() : last.path("content").toString();
    }
}
