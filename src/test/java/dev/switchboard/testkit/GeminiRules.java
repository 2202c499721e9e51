package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the Gemini API rejects in a GenerateContentRequest, with its messages: unknown JSON names
 * (the API parses bodies as protobuf JSON, so every unknown name is a 400 "Cannot find field"),
 * empty contents and parts, roles other than user and model, function responses that do not answer
 * the function call turn just before them, and generation settings out of range. Names are accepted
 * in lowerCamelCase and snake_case, as protobuf JSON accepts both; error paths use snake_case, as the
 * API's do. Tool declarations are checked by {@link GeminiSchemaRules}.
 */
final class GeminiRules {
    /** A rejection: the message and, for unknown names, the field the API names in its details. */
    record Rejection(String message, String field) {
        static Optional<Rejection> of(String message) {
            return Optional.of(new Rejection(message, null));
        }
    }

    private static final Set<String> REQUEST = Set.of("model", "contents", "tools", "toolConfig", "safetySettings",
            "systemInstruction", "generationConfig", "cachedContent");
    private static final Set<String> GENERATION_CONFIG = Set.of("stopSequences", "responseMimeType", "responseSchema",
            "responseJsonSchema", "responseModalities", "candidateCount", "maxOutputTokens", "temperature", "topP",
            "topK", "seed", "presencePenalty", "frequencyPenalty", "responseLogprobs", "logprobs",
            "enableEnhancedCivicAnswers", "speechConfig", "thinkingConfig", "imageConfig", "mediaResolution");
    private static final Set<String> THINKING_CONFIG = Set.of("includeThoughts", "thinkingBudget", "thinkingLevel");
    private static final Set<String> CONTENT = Set.of("role", "parts");
    private static final Set<String> PART = Set.of("text", "inlineData", "fileData", "functionCall", "functionResponse",
            "executableCode", "codeExecutionResult", "thought", "thoughtSignature", "videoMetadata", "partMetadata",
            "mediaResolution");
    private static final Set<String> PART_DATA = Set.of("text", "inlineData", "fileData", "functionCall",
            "functionResponse", "executableCode", "codeExecutionResult");
    private static final String REQ = "* GenerateContentRequest.";

    private GeminiRules() {}

    static Optional<Rejection> check(JsonNode request) {
        return unknown(request, REQUEST, null)
                .or(() -> contents(get(request, "contents")))
                .or(() -> systemInstruction(get(request, "systemInstruction")))
                .or(() -> GeminiTurnRules.check(get(request, "contents")))
                .or(() -> generationConfig(get(request, "generationConfig")))
                .or(() -> GeminiSchemaRules.check(request));
    }

    /** The field {@code camelName}, sent in either spelling. */
    static JsonNode get(JsonNode node, String camelName) {
        JsonNode v = node.get(camelName);
        return v != null ? v : node.path(snake(camelName));
    }

    static String snake(String camel) {
        return camel.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }

    static String camel(String name) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : name.toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }

    /** The first name of {@code node} that {@code known} lacks, as the API reports it. */
    static Optional<Rejection> unknown(JsonNode node, Set<String> known, String at) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(camel(name))) {
                String where = at == null ? "" : " at '" + at + "'";
                return Optional.of(new Rejection("Invalid JSON payload received. Unknown name \"" + name + "\"" + where
                        + ": Cannot find field.", at));
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> contents(JsonNode contents) {
        if (!contents.isArray() || contents.isEmpty()) {
            return Rejection.of(REQ + "contents: contents is not specified\n");
        }
        for (int i = 0; i < contents.size(); i++) {
            JsonNode c = contents.get(i);
            String at = "contents[" + i + "]";
            Optional<Rejection> problem = unknown(c, CONTENT, at).or(() -> parts(get(c, "parts"), at));
            if (problem.isPresent()) {
                return problem;
            }
            String role = c.path("role").asText("");
            if (!role.isEmpty() && !role.equals("user") && !role.equals("model")) {
                return Rejection.of("Please use a valid role: user, model.");
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> systemInstruction(JsonNode instruction) {
        if (instruction.isMissingNode() || instruction.isNull()) {
            return Optional.empty();
        }
        return unknown(instruction, CONTENT, "system_instruction").or(() -> parts(get(instruction, "parts"), "system_instruction"));
    }

    private static Optional<Rejection> parts(JsonNode parts, String at) {
        if (!parts.isArray() || parts.isEmpty()) {
            return Rejection.of(REQ + at + ".parts: contents.parts must not be empty.\n");
        }
        for (int j = 0; j < parts.size(); j++) {
            JsonNode part = parts.get(j);
            String partAt = at + ".parts[" + j + "]";
            Optional<Rejection> problem = unknown(part, PART, partAt);
            if (problem.isPresent()) {
                return problem;
            }
            List<String> data = new ArrayList<>();
            part.fieldNames().forEachRemaining(n -> {
                if (PART_DATA.contains(camel(n))) {
                    data.add(n);
                }
            });
            if (data.isEmpty()) {
                return Rejection.of(REQ + partAt + ".data: required oneof field 'data' must have one initialized field\n");
            }
            if (data.size() > 1) {
                return Rejection.of("Invalid JSON payload received. Oneof field 'data' is already set. Cannot set '"
                        + data.get(1) + "'");
            }
        }
        return Optional.empty();
    }

    private static Optional<Rejection> generationConfig(JsonNode config) {
        if (config.isMissingNode() || config.isNull()) {
            return Optional.empty();
        }
        Optional<Rejection> problem = unknown(config, GENERATION_CONFIG, "generation_config")
                .or(() -> unknown(get(config, "thinkingConfig"), THINKING_CONFIG, "generation_config.thinking_config"));
        if (problem.isPresent()) {
            return problem;
        }
        JsonNode t = get(config, "temperature");
        if (t.isNumber() && (t.asDouble() < 0 || t.asDouble() > 2)) {
            return Rejection.of(REQ + "generation_config.temperature: temperature must be in the range [0.0, 2.0]\n");
        }
        JsonNode n = get(config, "candidateCount");
        if (n.isNumber() && n.asInt() < 1) {
            return Rejection.of(REQ + "generation_config.candidate_count: candidate_count must be positive\n");
        }
        return Optional.empty();
    }
}
