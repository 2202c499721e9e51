package dev.switchboard.provider;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import java.util.ArrayList;
import java.util.List;

/** The mock's Responses API answer, whole or as the typed event sequence OpenAI sends. */
final class MockResponses {
    private final String model;
    private final String reply;
    private final long inputTokens;
    private final long created;
    private final String id = MockAnswers.newId("resp_mock");
    private final String itemId = MockAnswers.newId("msg_mock");
    private int sequence;

    MockResponses(String model, String userText, long inputTokens, long created) {
        this.model = model;
        this.reply = MockAnswers.reply(userText);
        this.inputTokens = inputTokens;
        this.created = created;
    }

    MockAnswers.Answer answer(boolean stream) {
        List<String> words = MockAnswers.words(reply);
        if (!stream) {
            return MockAnswers.json(response("completed", words.size(), true));
        }
        List<byte[]> events = new ArrayList<>();
        events.add(event("response.created", e -> e.set("response", response("in_progress", 0, false))));
        events.add(event("response.in_progress", e -> e.set("response", response("in_progress", 0, false))));
        events.add(event("response.output_item.added", e -> {
            e.put("output_index", 0);
            e.set("item", message("in_progress", ""));
        }));
        events.add(event("response.content_part.added", e -> {
            partLocation(e);
            e.set("part", outputText(""));
        }));
        for (String w : words) {
            events.add(event("response.output_text.delta", e -> {
                partLocation(e);
                e.put("delta", w);
                e.putArray("logprobs");
            }));
        }
        events.add(event("response.output_text.done", e -> {
            partLocation(e);
            e.put("text", reply);
            e.putArray("logprobs");
        }));
        events.add(event("response.content_part.done", e -> {
            partLocation(e);
            e.set("part", outputText(reply));
        }));
        events.add(event("response.output_item.done", e -> {
            e.put("output_index", 0);
            e.set("item", message("completed", reply));
        }));
        events.add(event("response.completed", e -> e.set("response", response("completed", words.size(), true))));
        return MockAnswers.sse(events);
    }

    private byte[] event(String type, java.util.function.Consumer<ObjectNode> fill) {
        ObjectNode e = Json.MAPPER.createObjectNode();
        e.put("type", type);
        e.put("sequence_number", sequence++);
        fill.accept(e);
        return MockAnswers.event(type, e);
    }

    private void partLocation(ObjectNode e) {
        e.put("item_id", itemId);
        e.put("output_index", 0);
        e.put("content_index", 0);
    }

    private ObjectNode response(String status, long outputTokens, boolean done) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("id", id);
        r.put("object", "response");
        r.put("created_at", created);
        r.put("status", status);
        r.putNull("error");
        r.putNull("incomplete_details");
        r.put("model", model);
        ArrayNode output = r.putArray("output");
        if (done) {
            output.add(message("completed", reply));
        }
        r.put("parallel_tool_calls", true);
        r.putArray("tools");
        r.put("tool_choice", "auto");
        if (done) {
            ObjectNode u = r.putObject("usage");
            u.put("input_tokens", inputTokens);
            u.putObject("input_tokens_details").put("cached_tokens", 0);
            u.put("output_tokens", outputTokens);
            u.putObject("output_tokens_details").put("reasoning_tokens", 0);
            u.put("total_tokens", inputTokens + outputTokens);
        } else {
            r.putNull("usage");
        }
        return r;
    }

    private ObjectNode message(String status, String text) {
        ObjectNode m = Json.MAPPER.createObjectNode();
        m.put("id", itemId);
        m.put("type", "message");
        m.put("status", status);
        m.put("role", "assistant");
        ArrayNode content = m.putArray("content");
        if (!text.isEmpty() || "completed".equals(status)) {
            content.add(outputText(text));
        }
        return m;
    }

    private static ObjectNode outputText(String text) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("type", "output_text");
        p.put("text", text);
        p.putArray("annotations");
        return p;
    }
}
