package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.Reasoning;
import dev.switchboard.model.chat.ResponseFormat;
import dev.switchboard.model.chat.Sampling;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code generationConfig}: sampling, output length, stop sequences, JSON output and thinking. */
final class GeminiGeneration {
    /** Gemini's documented limit on {@code stopSequences}. */
    static final int MAX_STOP_SEQUENCES = 5;
    private static final String JSON_MIME = "application/json";
    private static final Set<String> KNOWN = Set.of("temperature", "topP", "topK", "candidateCount", "maxOutputTokens",
            "stopSequences", "seed", "presencePenalty", "frequencyPenalty", "responseMimeType", "responseSchema",
            "responseJsonSchema", "thinkingConfig");

    private GeminiGeneration() {}

    record Settings(Sampling sampling, Integer maxTokens, List<String> stop, ResponseFormat responseFormat,
            Reasoning reasoning) {
        static final Settings NONE = new Settings(Sampling.NONE, null, List.of(), null, null);
    }

    static Settings decode(ObjectNode gc, Map<String, String> extras) {
        if (gc == null) {
            return Settings.NONE;
        }
        String p = "generationConfig.";
        Sampling sampling = new Sampling(
                GeminiJson.number(gc, "temperature", p + "temperature"),
                GeminiJson.number(gc, "topP", p + "topP"),
                GeminiJson.integer(gc, "topK", p + "topK"),
                GeminiJson.longValue(gc, "seed", p + "seed"),
                GeminiJson.integer(gc, "candidateCount", p + "candidateCount"),
                GeminiJson.number(gc, "presencePenalty", p + "presencePenalty"),
                GeminiJson.number(gc, "frequencyPenalty", p + "frequencyPenalty"));
        List<String> stop = new ArrayList<>();
        for (JsonNode s : GeminiJson.array(gc, "stopSequences", p + "stopSequences")) {
            if (!s.isTextual()) {
                throw GatewayError.invalid("'" + p + "stopSequences' must hold strings", p + "stopSequences");
            }
            stop.add(s.asText());
        }
        ResponseFormat format = responseFormat(gc, extras);
        Reasoning reasoning = GeminiThinking.decode(GeminiJson.get(gc, "thinkingConfig"), p + "thinkingConfig");
        gc.properties().forEach(e -> {
            String name = GeminiJson.camel(e.getKey());
            if (!KNOWN.contains(name) && !e.getValue().isNull()) {
                GeminiExtras.keep(extras, "generationConfig." + name, e.getValue());
            }
        });
        return new Settings(sampling, GeminiJson.integer(gc, "maxOutputTokens", p + "maxOutputTokens"), stop, format,
                reasoning);
    }

    /**
     * JSON mode is {@code responseMimeType: application/json}, with a schema in either flavour. Other
     * MIME types (enum output) have no canonical form and are kept as extras with their schema.
     */
    private static ResponseFormat responseFormat(ObjectNode gc, Map<String, String> extras) {
        String mime = GeminiJson.text(gc, "responseMimeType", "generationConfig.responseMimeType");
        JsonNode jsonSchema = GeminiJson.get(gc, "responseJsonSchema");
        JsonNode openApiSchema = GeminiJson.get(gc, "responseSchema");
        if (JSON_MIME.equals(mime)) {
            if (jsonSchema != null) {
                return new ResponseFormat.JsonSchema(null, GeminiJson.write(jsonSchema), null);
            }
            if (openApiSchema != null) {
                return new ResponseFormat.JsonSchema(null, GeminiSchemas.openApiToJsonSchema(openApiSchema), null);
            }
            return new ResponseFormat.JsonObject();
        }
        if (mime == null && jsonSchema == null && openApiSchema == null) {
            return null;
        }
        if ("text/plain".equals(mime) && jsonSchema == null && openApiSchema == null) {
            return new ResponseFormat.Text();
        }
        if (mime != null) {
            GeminiExtras.keep(extras, "generationConfig.responseMimeType", GeminiJson.get(gc, "responseMimeType"));
        }
        if (jsonSchema != null) {
            GeminiExtras.keep(extras, "generationConfig.responseJsonSchema", jsonSchema);
        }
        if (openApiSchema != null) {
            GeminiExtras.keep(extras, "generationConfig.responseSchema", openApiSchema);
        }
        return null;
    }

    /** The {@code generationConfig} for a request, or null when nothing needs saying. */
    static ObjectNode encode(ChatRequest r, Dropped dropped) {
        ObjectNode gc = GeminiJson.object();
        Sampling s = r.sampling();
        if (s.temperature() != null) {
            gc.put("temperature", clamp(s.temperature(), 0, 2));
        }
        if (s.topP() != null) {
            gc.put("topP", clamp(s.topP(), 0, 1));
        }
        if (s.topK() != null) {
            gc.put("topK", s.topK());
        }
        if (s.n() != null) {
            if (s.n() > 1 && r.stream()) {
                throw GatewayError.invalid("several candidates (n > 1) cannot be streamed from Gemini", "n");
            }
            gc.put("candidateCount", s.n());
        }
        if (s.seed() != null) {
            if (s.seed() >= Integer.MIN_VALUE && s.seed() <= Integer.MAX_VALUE) {
                gc.put("seed", s.seed().intValue());
            } else {
                dropped.add("seed");
            }
        }
        if (s.presencePenalty() != null) {
            gc.put("presencePenalty", s.presencePenalty());
        }
        if (s.frequencyPenalty() != null) {
            gc.put("frequencyPenalty", s.frequencyPenalty());
        }
        if (r.maxTokens() != null) {
            gc.put("maxOutputTokens", r.maxTokens());
        }
        if (!r.stop().isEmpty()) {
            if (r.stop().size() > MAX_STOP_SEQUENCES) {
                throw GatewayError.invalid("Gemini accepts at most " + MAX_STOP_SEQUENCES + " stop sequences", "stop");
            }
            r.stop().forEach(gc.putArray("stopSequences")::add);
        }
        switch (r.responseFormat()) {
            case null -> { }
            case ResponseFormat.Text t -> gc.put("responseMimeType", "text/plain");
            case ResponseFormat.JsonObject j -> gc.put("responseMimeType", JSON_MIME);
            case ResponseFormat.JsonSchema js -> {
                JsonNode schema = GeminiJson.tryParse(js.schemaJson());
                if (schema == null || !schema.isObject()) {
                    throw GatewayError.invalid("the JSON schema of the response format is not a JSON object",
                            "response_format");
                }
                gc.put("responseMimeType", JSON_MIME);
                gc.set("responseJsonSchema", schema);
            }
        }
        ObjectNode thinking = GeminiThinking.encode(r.reasoning(), r.source());
        if (thinking != null) {
            gc.set("thinkingConfig", thinking);
        }
        return gc.isEmpty() ? null : gc;
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }
}
