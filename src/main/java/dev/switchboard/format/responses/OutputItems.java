package dev.switchboard.format.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;

/**
 * The output items of a Responses answer, shaped as the API reference shows them. Canonical
 * thinking becomes a {@code reasoning} item: its text the summary, its signature the
 * {@code encrypted_content}, so a client that sends the item back returns the provider's opaque proof
 * unchanged. Redacted thinking is a reasoning item with an empty summary.
 */
final class OutputItems {
    private OutputItems() {}

    /** Item ids derived from the answer id, so one answer always renders the same bytes. */
    static String id(String prefix, String responseId, int outputIndex) {
        String core = responseId.startsWith("resp_") ? responseId.substring(5) : responseId;
        return prefix + "_" + core.replaceAll("[^A-Za-z0-9]", "") + "_" + outputIndex;
    }

    /** The response id a Responses client sees: upstream ids keep their letters under {@code resp_}. */
    static String responseId(String upstreamId) {
        return upstreamId.startsWith("resp_") ? upstreamId : "resp_" + upstreamId.replaceAll("[^A-Za-z0-9]", "");
    }

    static ObjectNode message(String id, String status) {
        ObjectNode item = Json.MAPPER.createObjectNode().put("id", id).put("type", "message").put("status", status)
                .put("role", "assistant");
        item.putArray("content");
        return item;
    }

    static ObjectNode outputText(String text) {
        ObjectNode part = Json.MAPPER.createObjectNode().put("type", "output_text");
        part.putArray("annotations");
        part.put("text", text);
        return part;
    }

    static ObjectNode refusal(String text) {
        return Json.MAPPER.createObjectNode().put("type", "refusal").put("refusal", text);
    }

    static ObjectNode functionCall(String id, String callId, String name, String arguments, String status) {
        return Json.MAPPER.createObjectNode().put("id", id).put("type", "function_call").put("status", status)
                .put("arguments", arguments).put("call_id", callId).put("name", name);
    }

    static ObjectNode summaryText(String text) {
        return Json.MAPPER.createObjectNode().put("type", "summary_text").put("text", text);
    }

    static ObjectNode reasoning(String id, String summary, String encrypted) {
        ObjectNode item = Json.MAPPER.createObjectNode().put("id", id).put("type", "reasoning");
        ArrayNode parts = item.putArray("summary");
        if (summary != null && !summary.isEmpty()) {
            parts.add(summaryText(summary));
        }
        if (encrypted != null) {
            item.put("encrypted_content", encrypted);
        }
        return item;
    }
}
