package dev.switchboard.testkit;

import static dev.switchboard.testkit.FakeContent.object;
import static dev.switchboard.testkit.FakeUpstream.CACHED_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.GEMINI_CANDIDATES_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.GEMINI_TOTAL_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.PROMPT_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.REASONING_TOKENS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemini answers, modelled on the API reference: GenerateContentResponse whole, or as chunks (the text
 * over at least two, the finish reason and usage on the last), count tokens, embeddings and models.
 */
final class GeminiAnswers {
    static final String MODEL = "gemini-fake";

    private GeminiAnswers() {}

    /** The parts of one answer, why it finished, and how many candidates. */
    record Plan(List<ObjectNode> parts, String finishReason, int candidates) {}

    static Plan plan(JsonNode request) {
        JsonNode config = GeminiRules.get(request, "generationConfig");
        List<ObjectNode> parts = new ArrayList<>();
        boolean thoughts = GeminiRules.get(GeminiRules.get(config, "thinkingConfig"), "includeThoughts").asBoolean(false);
        if (thoughts) {
            parts.add(object().put("text", FakeContent.THINKING).put("thought", true));
        }
        String finish = "STOP";
        ObjectNode answer = object();
        if (wantsFunctionCall(request)) {
            answer.putObject("functionCall").put("name", functionName(request)).set("args", FakeContent.toolArgs());
        } else {
            List<String> stops = new ArrayList<>();
            GeminiRules.get(config, "stopSequences").forEach(s -> stops.add(s.asText()));
            FakeContent.Cut cut = FakeContent.cut(stops, GeminiRules.get(config, "maxOutputTokens").asLong(0));
            finish = cut.stop() == FakeContent.Stop.MAX_TOKENS ? "MAX_TOKENS" : "STOP";
            answer.put("text", cut.text());
        }
        if (thoughts) {
            answer.put("thoughtSignature", FakeContent.sign("gemini-thought", FakeContent.THINKING));
        }
        parts.add(answer);
        return new Plan(parts, finish, Math.max(1, GeminiRules.get(config, "candidateCount").asInt(1)));
    }

    static String response(Plan plan, String model, String responseId) {
        return chunk(plan.parts(), plan, true, model, responseId).toString();
    }

    /**
     * The answer as stream chunks, each one GenerateContentResponse: a thought or a function call is one
     * chunk, the answer text is split two words a chunk (the first piece keeps the thought signature).
     */
    static List<String> chunks(Plan plan, String model, String responseId) {
        List<List<ObjectNode>> pieces = new ArrayList<>();
        for (ObjectNode part : plan.parts()) {
            if (!part.has("text") || part.path("thought").asBoolean(false)) {
                pieces.add(List.of(part));
                continue;
            }
            List<String> words = FakeContent.words(part.path("text").asText());
            for (int i = 0; i < Math.max(1, words.size()); i += 2) {
                ObjectNode piece = i == 0 ? part.deepCopy() : object();
                piece.put("text", words.isEmpty() ? "" : String.join("", words.subList(i, Math.min(i + 2, words.size()))));
                pieces.add(List.of(piece));
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            out.add(chunk(pieces.get(i), plan, i == pieces.size() - 1, model, responseId).toString());
        }
        return out;
    }

    static ObjectNode chunk(List<ObjectNode> parts, Plan plan, boolean last, String model, String responseId) {
        ObjectNode r = object();
        ArrayNode candidates = r.putArray("candidates");
        for (int c = 0; c < plan.candidates(); c++) {
            ObjectNode candidate = candidates.addObject();
            ObjectNode content = candidate.putObject("content");
            ArrayNode ps = content.putArray("parts");
            parts.forEach(p -> ps.add(p.deepCopy()));
            content.put("role", "model");
            if (last) {
                candidate.put("finishReason", plan.finishReason());
            }
            candidate.put("index", c);
        }
        if (last) {
            r.set("usageMetadata", usage());
        }
        return r.put("modelVersion", model).put("responseId", responseId);
    }

    static ObjectNode usage() {
        ObjectNode u = object().put("promptTokenCount", PROMPT_TOKENS).put("candidatesTokenCount", GEMINI_CANDIDATES_TOKENS)
                .put("totalTokenCount", GEMINI_TOTAL_TOKENS).put("cachedContentTokenCount", CACHED_TOKENS);
        u.putArray("promptTokensDetails").addObject().put("modality", "TEXT").put("tokenCount", PROMPT_TOKENS);
        return u.put("thoughtsTokenCount", REASONING_TOKENS);
    }

    static String countTokens() {
        return object().put("totalTokens", PROMPT_TOKENS).toString();
    }

    static ObjectNode embedding() {
        ObjectNode e = object();
        e.putArray("values").add(0.0023064255).add(-0.009327292).add(0.015797347);
        return e;
    }

    static String embedContent() {
        return object().set("embedding", embedding()).toString();
    }

    static String batchEmbedContents(int n) {
        ObjectNode r = object();
        ArrayNode list = r.putArray("embeddings");
        for (int i = 0; i < n; i++) {
            list.add(embedding());
        }
        return r.toString();
    }

    static ObjectNode model(String name) {
        ObjectNode m = object().put("name", name).put("version", "001").put("displayName", "Gemini Fake")
                .put("description", "The model of the fake upstream").put("inputTokenLimit", 1048576)
                .put("outputTokenLimit", 65536);
        m.putArray("supportedGenerationMethods").add("generateContent").add("countTokens").add("embedContent")
                .add("batchEmbedContents");
        return m.put("temperature", 1.0).put("maxTemperature", 2.0).put("topP", 0.95).put("topK", 64).put("thinking", true);
    }

    static String models() {
        ObjectNode r = object();
        r.putArray("models").add(model("models/" + MODEL));
        return r.toString();
    }

    static String error(int status, String message, String field) {
        String code = switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ABORTED";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 499 -> "CANCELLED";
            case 501 -> "UNIMPLEMENTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> status < 500 ? "FAILED_PRECONDITION" : "INTERNAL";
        };
        ObjectNode e = object();
        ObjectNode error = e.putObject("error").put("code", status).put("message", message).put("status", code);
        if (field != null) {
            ObjectNode violation = error.putArray("details").addObject()
                    .put("@type", "type.googleapis.com/google.rpc.BadRequest").putArray("fieldViolations").addObject();
            violation.put("field", field).put("description", message);
        }
        return e.toString();
    }

    /** Tools declared, calling not turned off, and no function response yet: the model calls a function. */
    private static boolean wantsFunctionCall(JsonNode request) {
        if (functionName(request) == null || GeminiSchemaRules.mode(request).equals("NONE")) {
            return false;
        }
        for (JsonNode c : GeminiRules.get(request, "contents")) {
            if (!GeminiTurnRules.parts(c, "functionResponse").isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static String functionName(JsonNode request) {
        JsonNode calling = GeminiRules.get(GeminiRules.get(request, "toolConfig"), "functionCallingConfig");
        JsonNode allowed = GeminiRules.get(calling, "allowedFunctionNames");
        if (allowed.size() > 0) {
            return allowed.get(0).asText();
        }
        for (JsonNode tool : GeminiRules.get(request, "tools")) {
            JsonNode functions = GeminiRules.get(tool, "functionDeclarations");
            if (functions.size() > 0) {
                return functions.get(0).path("name").asText();
            }
        }
        return null;
    }
}
