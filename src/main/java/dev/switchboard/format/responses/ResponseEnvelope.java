package dev.switchboard.format.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.format.openai.OpenAiTools;
import dev.switchboard.format.openai.OutputFormats;
import dev.switchboard.format.openai.UsageJson;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.StopReason;
import java.io.IOException;

/**
 * The {@code response} object around the output items, for a whole answer and for the
 * {@code response.created} / {@code .completed} / {@code .incomplete} / {@code .failed} events. The
 * settings the client sent are echoed, as OpenAI does.
 */
final class ResponseEnvelope {
    private ResponseEnvelope() {}

    /** {@code response.status} for a stop reason: the limit and the filter leave an incomplete answer. */
    static String status(StopReason stop) {
        return stop == StopReason.MAX_TOKENS || stop == StopReason.CONTENT_FILTER ? "incomplete" : "completed";
    }

    static ObjectNode build(String id, long createdAt, String model, String status, StopReason stop,
            ChatRequest request, ArrayNode output, Usage usage) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("id", id);
        r.put("object", "response");
        r.put("created_at", createdAt);
        r.put("status", status);
        r.putNull("error");
        if ("incomplete".equals(status)) {
            r.putObject("incomplete_details").put("reason",
                    stop == StopReason.CONTENT_FILTER ? "content_filter" : "max_output_tokens");
        } else {
            r.putNull("incomplete_details");
        }
        String instructions = request.systemText();
        if (instructions.isEmpty()) {
            r.putNull("instructions");
        } else {
            r.put("instructions", instructions);
        }
        if (request.maxTokens() == null) {
            r.putNull("max_output_tokens");
        } else {
            r.put("max_output_tokens", request.maxTokens());
        }
        r.put("model", model);
        r.set("output", output);
        r.put("parallel_tool_calls", request.parallelToolCalls() == null || request.parallelToolCalls());
        r.putNull("previous_response_id");
        ObjectNode reasoning = r.putObject("reasoning");
        String effort = request.reasoning() == null ? null : ResponsesRequestEncoder.effort(request.reasoning());
        reasoning.put("effort", effort);
        reasoning.put("summary", request.reasoning() != null && Boolean.TRUE.equals(request.reasoning().includeThoughts())
                ? "auto" : null);
        r.put("store", false);
        r.put("temperature", request.sampling().temperature() == null ? 1.0 : request.sampling().temperature());
        r.putObject("text").set("format", OutputFormats.encode(request.responseFormat(), OpenAiTools.Shape.FLAT));
        r.set("tool_choice", OpenAiTools.encodeChoice(request.toolChoice(), OpenAiTools.Shape.FLAT));
        ArrayNode tools = r.putArray("tools");
        request.tools().forEach(t -> tools.add(OpenAiTools.encode(t, OpenAiTools.Shape.FLAT)));
        r.put("top_p", request.sampling().topP() == null ? 1.0 : request.sampling().topP());
        r.put("truncation", "disabled");
        if (usage == null) {
            r.putNull("usage");
        } else {
            r.set("usage", UsageJson.responses(usage));
        }
        r.put("user", request.user());
        r.set("metadata", metadata(request));
        return r;
    }

    /** A failed response carrying an error object whose code the SDKs know. */
    static ObjectNode failed(ObjectNode response, ErrorKind kind, String message) {
        response.put("status", "failed");
        ObjectNode error = response.putObject("error");
        error.put("code", switch (kind) {
            case RATE_LIMITED -> "rate_limit_exceeded";
            case INVALID_REQUEST -> "invalid_prompt";
            default -> "server_error";
        });
        error.put("message", message);
        return response;
    }

    private static JsonNode metadata(ChatRequest request) {
        String raw = request.extras().get("metadata");
        if (raw != null) {
            try {
                return Json.MAPPER.readTree(raw);
            } catch (IOException e) {
                // echo nothing rather than fail an answer over an echo
            }
        }
        return Json.MAPPER.createObjectNode();
    }
}
