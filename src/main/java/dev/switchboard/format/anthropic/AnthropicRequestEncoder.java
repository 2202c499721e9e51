package dev.switchboard.format.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.format.JsonText;
import dev.switchboard.format.ProviderTools;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.WireFormat;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.ProviderTool;
import dev.switchboard.model.chat.ResponseFormat;
import dev.switchboard.model.chat.Sampling;
import java.util.List;
import java.util.Map;

/**
 * A canonical request as an Anthropic {@code POST /v1/messages} body. Anthropic returns one answer
 * per call (so {@code n > 1} is a 400), has no seed or penalties (dropped), samples with a
 * temperature in 0..1 (clamped) and, while thinking, takes neither a temperature nor top_k and only
 * a top_p of 0.95..1.
 */
final class AnthropicRequestEncoder {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnthropicRequestEncoder() {}

    static byte[] encode(ChatRequest r, Dropped dropped) {
        return JsonText.utf8(toJson(r, dropped));
    }

    static ObjectNode toJson(ChatRequest r, Dropped dropped) {
        ObjectNode root = NODES.objectNode();
        root.put("model", r.model());
        AnthropicThinking.Plan plan = AnthropicThinking.plan(r, dropped);
        root.put("max_tokens", plan.maxTokens());
        JsonNode system = AnthropicContentEncoder.system(r.system());
        if (system != null) {
            root.set("system", system);
        }
        root.set("messages", AnthropicContentEncoder.messages(r.messages(), dropped));
        List<ProviderTool> builtIn = ProviderTools.own(r, ClientFormat.ANTHROPIC, WireFormat.ANTHROPIC);
        boolean hasTools = !r.tools().isEmpty() || !builtIn.isEmpty();
        if (hasTools) {
            root.set("tools", AnthropicTools.encode(r.tools(), builtIn));
        }
        ObjectNode choice = AnthropicTools.encodeChoice(r.toolChoice(), r.parallelToolCalls(), hasTools);
        if (choice != null) {
            root.set("tool_choice", choice);
        }
        if (plan.thinking() != null) {
            root.set("thinking", plan.thinking());
        }
        sampling(r.sampling(), plan.thinks(), root, dropped);
        if (!r.stop().isEmpty()) {
            ArrayNode stops = root.putArray("stop_sequences");
            r.stop().forEach(stops::add);
        }
        responseFormat(r.responseFormat(), root, dropped);
        if (r.user() != null) {
            root.putObject("metadata").put("user_id", r.user());
        }
        if (r.stream()) {
            root.put("stream", true);
        }
        extras(r, root, dropped);
        return root;
    }

    private static void sampling(Sampling s, boolean thinking, ObjectNode root, Dropped dropped) {
        if (s.n() != null && s.n() > 1) {
            throw GatewayError.invalid("Anthropic returns one answer per request; n must be 1", "n");
        }
        if (s.seed() != null) {
            dropped.add("seed");
        }
        if (s.presencePenalty() != null) {
            dropped.add("presence_penalty");
        }
        if (s.frequencyPenalty() != null) {
            dropped.add("frequency_penalty");
        }
        if (s.temperature() != null) {
            double t = clamp(s.temperature(), 0, 1);
            if (thinking && t != 1.0) {
                dropped.add("temperature");
            } else {
                root.put("temperature", t);
            }
        }
        if (s.topP() != null) {
            root.put("top_p", thinking ? clamp(s.topP(), 0.95, 1) : clamp(s.topP(), 0, 1));
        }
        if (s.topK() != null) {
            if (thinking || s.topK() <= 0) {
                dropped.add("top_k");
            } else {
                root.put("top_k", s.topK());
            }
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    /**
     * A JSON schema becomes {@code output_config.format}. Plain JSON mode has no Anthropic
     * equivalent (structured outputs need a schema), so it is dropped and said so rather than
     * guessed at.
     */
    private static void responseFormat(ResponseFormat format, ObjectNode root, Dropped dropped) {
        switch (format) {
            case null -> { }
            case ResponseFormat.Text t -> { }
            case ResponseFormat.JsonObject j -> dropped.add("response_format");
            case ResponseFormat.JsonSchema s -> {
                JsonNode schema = AnthropicJson.tryRaw(s.schemaJson());
                if (schema == null || !schema.isObject()) {
                    throw GatewayError.invalid("response format schema must be a JSON object", "response_format");
                }
                root.putObject("output_config").putObject("format").put("type", "json_schema").set("schema", schema);
            }
        }
    }

    /** Unknown fields of an Anthropic client go back upstream; another format's cannot and are listed. */
    private static void extras(ChatRequest r, ObjectNode root, Dropped dropped) {
        for (Map.Entry<String, String> e : r.extras().entrySet()) {
            if (r.source() != ClientFormat.ANTHROPIC) {
                dropped.add(e.getKey());
                continue;
            }
            JsonNode value = AnthropicJson.tryRaw(e.getValue());
            if (value != null && !root.has(e.getKey())) {
                root.set(e.getKey(), value);
            }
        }
    }
}
