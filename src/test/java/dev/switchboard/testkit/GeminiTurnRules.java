package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.GeminiRules.Rejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Gemini's function-calling turn rules: a function call turn follows a user turn or a function
 * response turn, and a function response turn comes right after the function call turn it answers,
 * with one response part per call part, each naming a function that was called.
 */
final class GeminiTurnRules {
    private GeminiTurnRules() {}

    static Optional<Rejection> check(JsonNode contents) {
        for (int i = 0; i < contents.size(); i++) {
            JsonNode c = contents.get(i);
            List<JsonNode> calls = parts(c, "functionCall");
            if (!calls.isEmpty() && (i == 0 || isModel(contents.get(i - 1)))) {
                return Rejection.of("Please ensure that function call turn comes immediately after a user turn or after"
                        + " a function response turn.");
            }
            List<JsonNode> responses = parts(c, "functionResponse");
            if (responses.isEmpty()) {
                continue;
            }
            List<JsonNode> called = i == 0 || !isModel(contents.get(i - 1)) ? List.of() : parts(contents.get(i - 1), "functionCall");
            if (isModel(c) || called.isEmpty()) {
                return Rejection.of("Please ensure that function response turn comes immediately after a function call turn.");
            }
            if (called.size() != responses.size()) {
                return Rejection.of("Please ensure that the number of function response parts is equal to the number of"
                        + " function call parts of the function call turn.");
            }
            List<String> names = called.stream().map(f -> f.path("name").asText()).toList();
            JsonNode ps = GeminiRules.get(c, "parts");
            for (int j = 0; j < ps.size(); j++) {
                JsonNode r = GeminiRules.get(ps.get(j), "functionResponse");
                if (r.isMissingNode()) {
                    continue;
                }
                String at = "* GenerateContentRequest.contents[" + i + "].parts[" + j + "].function_response.name: ";
                String name = r.path("name").asText("");
                if (name.isEmpty()) {
                    return Rejection.of(at + "Name cannot be empty.\n");
                }
                if (!names.contains(name)) {
                    return Rejection.of(at + "Function response name '" + name + "' does not match any function call of"
                            + " the previous turn.\n");
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isModel(JsonNode content) {
        return content.path("role").asText("").equals("model");
    }

    /** The {@code field} values of the content's parts (e.g. each functionCall). */
    static List<JsonNode> parts(JsonNode content, String field) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : GeminiRules.get(content, "parts")) {
            JsonNode v = GeminiRules.get(p, field);
            if (!v.isMissingNode() && !v.isNull()) {
                out.add(v);
            }
        }
        return out;
    }
}
