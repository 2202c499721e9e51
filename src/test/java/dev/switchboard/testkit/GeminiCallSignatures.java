package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testkit.GeminiRules.Rejection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gemini 3's thought signatures on function calls: every answer with a function call signs it (the first
 * call, when there are several), and a later request that sends the call back in the current turn (the
 * model and function-response turns since the last user prompt) must carry that signature on the
 * {@code functionCall} part, or the API answers 400. The fake checks only calls it issued itself: a call
 * of the same name and arguments after the same conversation. Histories a test writes by hand, or that
 * another provider answered, are not its calls and pass unsigned, as Gemini 2.5 lets them.
 */
final class GeminiCallSignatures {
    private static final int REMEMBERED = 10_000;

    /** A call the fake made: the contents it answered, and the call's name and arguments. */
    private record Issued(List<JsonNode> before, String name, JsonNode args) {}

    /** The signatures given to each call: the same conversation asked twice gets two answers, both valid. */
    private final Map<Issued, Set<String>> issued = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Issued, Set<String>> eldest) {
            return size() > REMEMBERED; // long chaos runs must not grow the heap
        }
    });

    /** Signs the first function call of an answer to {@code request} and remembers the signature. */
    void sign(JsonNode request, List<ObjectNode> answerParts, String responseId) {
        for (ObjectNode part : answerParts) {
            JsonNode call = part.get("functionCall");
            if (call != null) {
                String signature = FakeContent.sign("gemini-function-call", responseId + "\n" + call);
                part.put("thoughtSignature", signature);
                List<JsonNode> contents = new ArrayList<>();
                GeminiRules.get(request, "contents").forEach(contents::add);
                issued.computeIfAbsent(new Issued(contents, call.path("name").asText(), call.path("args")),
                        k -> ConcurrentHashMap.newKeySet()).add(signature);
                return;
            }
        }
    }

    /** The first call of the current turn that this fake signed and that came back without its signature. */
    Optional<Rejection> check(JsonNode request) {
        JsonNode contents = GeminiRules.get(request, "contents");
        List<JsonNode> before = new ArrayList<>();
        contents.forEach(before::add);
        for (int i = currentTurn(contents); i < contents.size(); i++) {
            if (!contents.get(i).path("role").asText("").equals("model")) {
                continue;
            }
            JsonNode parts = GeminiRules.get(contents.get(i), "parts");
            for (int j = 0; j < parts.size(); j++) {
                JsonNode call = GeminiRules.get(parts.get(j), "functionCall");
                String name = call.path("name").asText();
                Set<String> want = call.isObject() ? issued.get(new Issued(before.subList(0, i), name, args(call))) : null;
                if (want == null) {
                    continue;
                }
                JsonNode got = GeminiRules.get(parts.get(j), "thoughtSignature");
                if (got.isMissingNode() || got.isNull()) {
                    return Rejection.of("Function call is missing a thought_signature in functionCall parts. This is"
                            + " required for tools to work correctly, and missing thought_signature may lead to degraded"
                            + " model performance. Additional data, function call `default_api:" + name + "` , position "
                            + (j + 1) + ". Please refer to https://ai.google.dev/gemini-api/docs/thought-signatures for"
                            + " more details.");
                }
                if (!want.contains(got.asText())) {
                    return Rejection.of("Corrupted thought signature.");
                }
            }
        }
        return Optional.empty();
    }

    private static JsonNode args(JsonNode call) {
        JsonNode args = call.path("args");
        return args.isMissingNode() ? FakeContent.object() : args;
    }

    /** Where the current turn starts: the last user content that is a prompt, not only function responses. */
    private static int currentTurn(JsonNode contents) {
        for (int i = contents.size() - 1; i >= 0; i--) {
            JsonNode c = contents.get(i);
            if (c.path("role").asText("user").equals("user")
                    && GeminiTurnRules.parts(c, "functionResponse").size() < GeminiRules.get(c, "parts").size()) {
                return i;
            }
        }
        return 0;
    }
}
