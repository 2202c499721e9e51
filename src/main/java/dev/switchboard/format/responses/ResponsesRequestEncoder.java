package dev.switchboard.format.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.format.Json;
import dev.switchboard.format.openai.OpenAiParams;
import dev.switchboard.format.openai.SharedFields;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.Reasoning;
import dev.switchboard.model.chat.ResponseFormat;
import dev.switchboard.model.chat.Sampling;
import dev.switchboard.model.chat.ToolChoice;
import dev.switchboard.model.chat.ToolDef;
import java.nio.charset.StandardCharsets;

/**
 * A canonical request as a Responses body. Tools are flat ({@code {type, name, parameters}}) and
 * say {@code strict: false} unless the source said otherwise, because Responses treats a missing
 * {@code strict} as true and would reject the many schemas that are not strict-mode compatible.
 * Stop sequences, seeds, n, top_k and penalties have no Responses field and are reported as dropped.
 */
final class ResponsesRequestEncoder {
    private ResponsesRequestEncoder() {}

    static byte[] encode(ChatRequest r, Dropped dropped) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", r.model());
        String instructions = r.systemText();
        if (!instructions.isEmpty()) {
            body.put("instructions", instructions);
        }
        body.set("input", new InputEncoder(dropped).encode(r.messages()));
        if (!r.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            r.tools().forEach(t -> tools.add(tool(t)));
            if (r.toolChoice() != null) {
                body.set("tool_choice", toolChoice(r.toolChoice()));
            }
            if (r.parallelToolCalls() != null) {
                body.put("parallel_tool_calls", r.parallelToolCalls());
            }
        }
        if (r.maxTokens() != null) {
            body.put("max_output_tokens", r.maxTokens());
        }
        sampling(r.sampling(), body, dropped);
        if (!r.stop().isEmpty()) {
            dropped.add("stop");
        }
        if (r.reasoning() != null && (effort(r.reasoning()) != null || Boolean.TRUE.equals(r.reasoning().includeThoughts()))) {
            ObjectNode reasoning = body.putObject("reasoning");
            if (effort(r.reasoning()) != null) {
                reasoning.put("effort", effort(r.reasoning()));
            }
            if (Boolean.TRUE.equals(r.reasoning().includeThoughts())) {
                reasoning.put("summary", "auto");
            }
        }
        if (r.responseFormat() != null) {
            body.putObject("text").set("format", textFormat(r.responseFormat()));
        }
        if (r.user() != null) {
            body.put("user", r.user());
        }
        if (r.stream()) {
            body.put("stream", true);
        }
        SharedFields.putBack(r, ClientFormat.OPENAI_RESPONSES, body, dropped);
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String effort(Reasoning reasoning) {
        return OpenAiParams.effort(reasoning);
    }

    private static void sampling(Sampling s, ObjectNode body, Dropped dropped) {
        if (s.temperature() != null) {
            body.put("temperature", OpenAiParams.clamp(s.temperature(), 0, 2));
        }
        if (s.topP() != null) {
            body.put("top_p", OpenAiParams.clamp(s.topP(), 0, 1));
        }
        if (s.topK() != null) {
            dropped.add("top_k");
        }
        if (s.seed() != null) {
            dropped.add("seed");
        }
        if (s.n() != null && s.n() != 1) {
            dropped.add("n");
        }
        if (s.presencePenalty() != null) {
            dropped.add("presence_penalty");
        }
        if (s.frequencyPenalty() != null) {
            dropped.add("frequency_penalty");
        }
    }

    static ObjectNode tool(ToolDef t) {
        ObjectNode tool = Json.MAPPER.createObjectNode().put("type", "function").put("name", t.name());
        if (t.description() != null) {
            tool.put("description", t.description());
        }
        tool.set("parameters", t.parametersJson() == null
                ? Json.MAPPER.createObjectNode().put("type", "object").set("properties", Json.MAPPER.createObjectNode())
                : OpenAiParams.tree(t.parametersJson()));
        tool.put("strict", Boolean.TRUE.equals(t.strict()));
        return tool;
    }

    static JsonNode toolChoice(ToolChoice choice) {
        return switch (choice) {
            case null -> Json.MAPPER.getNodeFactory().textNode("auto");
            case ToolChoice.Auto a -> Json.MAPPER.getNodeFactory().textNode("auto");
            case ToolChoice.None n -> Json.MAPPER.getNodeFactory().textNode("none");
            case ToolChoice.Required q -> Json.MAPPER.getNodeFactory().textNode("required");
            case ToolChoice.Named named -> Json.MAPPER.createObjectNode().put("type", "function").put("name", named.name());
        };
    }

    static ObjectNode textFormat(ResponseFormat format) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        switch (format) {
            case null -> o.put("type", "text");
            case ResponseFormat.Text t -> o.put("type", "text");
            case ResponseFormat.JsonObject j -> o.put("type", "json_object");
            case ResponseFormat.JsonSchema s -> {
                o.put("type", "json_schema").put("name", s.name() == null ? "response" : s.name());
                if (s.schemaJson() != null) {
                    o.set("schema", OpenAiParams.tree(s.schemaJson()));
                }
                if (s.strict() != null) {
                    o.put("strict", s.strict());
                }
            }
        }
        return o;
    }
}
