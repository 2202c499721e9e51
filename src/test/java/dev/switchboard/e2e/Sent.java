package dev.switchboard.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.FakeUpstream.Recorded;
import java.util.ArrayList;
import java.util.List;

/**
 * What the upstream got, read in its own API's shape: where each format puts the system prompt, the
 * turns, the echoed tool call and the tool result. Chat Completions and Responses are told apart by
 * path (a Responses client reaches an OpenAI provider's {@code /v1/responses} untranslated).
 */
record Sent(Recorded request) {
    /** A tool call as the upstream saw it echoed back: its name and arguments (a JSON object's text). */
    /** A call as the provider got it: its id, and (Gemini) the thought signature on its part, else null. */
    record Call(String name, JsonNode args, String id, String signature) {}

    /** A tool result as the upstream got it: the call it answers (id, or Gemini's function name) and its text. */
    record Result(String answers, String text) {}

    private JsonNode json() {
        return request.json();
    }

    private boolean responses() {
        return request.path().equals("/v1/responses");
    }

    /** The system prompt in the provider's own field, its texts joined by blank lines. */
    String system() {
        JsonNode j = json();
        List<String> texts = new ArrayList<>();
        switch (request.dialect()) {
            case OPENAI -> {
                if (responses()) {
                    return j.path("instructions").asText(null);
                }
                for (JsonNode m : j.path("messages")) {
                    if (m.path("role").asText().equals("system") || m.path("role").asText().equals("developer")) {
                        texts.add(text(m.path("content")));
                    }
                }
            }
            case ANTHROPIC -> texts.add(text(j.path("system")));
            case GEMINI -> j.path("systemInstruction").path("parts").forEach(p -> texts.add(p.path("text").asText()));
        }
        texts.removeIf(String::isEmpty);
        return texts.isEmpty() ? null : String.join("\n\n", texts);
    }

    /** The roles of the conversation's turns in the provider's words, the system prompt left out. */
    List<String> roles() {
        List<String> roles = new ArrayList<>();
        JsonNode j = json();
        switch (request.dialect()) {
            case OPENAI -> (responses() ? j.path("input") : j.path("messages")).forEach(m -> {
                String role = m.path("role").asText(m.path("type").asText());
                if (!role.equals("system") && !role.equals("developer")) {
                    roles.add(role);
                }
            });
            case ANTHROPIC -> j.path("messages").forEach(m -> roles.add(m.path("role").asText()));
            case GEMINI -> j.path("contents").forEach(c -> roles.add(c.path("role").asText()));
        }
        return roles;
    }

    /** The text of each turn (for multi-turn checks), in order, the system prompt left out. */
    List<String> texts() {
        List<String> texts = new ArrayList<>();
        JsonNode j = json();
        switch (request.dialect()) {
            case OPENAI -> (responses() ? j.path("input") : j.path("messages")).forEach(m -> {
                String role = m.path("role").asText("");
                if (!role.equals("system") && !role.equals("developer")) {
                    texts.add(text(m.path("content")));
                }
            });
            case ANTHROPIC -> j.path("messages").forEach(m -> texts.add(text(m.path("content"))));
            case GEMINI -> j.path("contents").forEach(c -> texts.add(text(c.path("parts"))));
        }
        return texts;
    }

    /** The tool call the client sent back in its assistant turn. */
    Call call() {
        for (JsonNode m : turns()) {
            switch (request.dialect()) {
                case OPENAI -> {
                    if (responses() && m.path("type").asText().equals("function_call")) {
                        return new Call(m.path("name").asText(), tree(m.path("arguments").asText()), m.path("call_id").asText(), null);
                    }
                    for (JsonNode c : m.path("tool_calls")) {
                        return new Call(c.path("function").path("name").asText(), tree(c.path("function").path("arguments").asText()),
                                c.path("id").asText(), null);
                    }
                }
                case ANTHROPIC -> {
                    for (JsonNode b : m.path("content")) {
                        if (b.path("type").asText().equals("tool_use")) {
                            return new Call(b.path("name").asText(), b.path("input"), b.path("id").asText(), null);
                        }
                    }
                }
                case GEMINI -> {
                    for (JsonNode p : m.path("parts")) {
                        if (p.has("functionCall")) {
                            JsonNode f = p.path("functionCall");
                            return new Call(f.path("name").asText(), f.path("args"), f.path("id").asText(),
                                    p.path("thoughtSignature").asText(null));
                        }
                    }
                }
            }
        }
        throw new AssertionError("no tool call went upstream: " + request.body());
    }

    /** The tool result the client sent. */
    Result result() {
        for (JsonNode m : turns()) {
            switch (request.dialect()) {
                case OPENAI -> {
                    if (responses() && m.path("type").asText().equals("function_call_output")) {
                        return new Result(m.path("call_id").asText(), text(m.path("output")));
                    }
                    if (m.path("role").asText().equals("tool")) {
                        return new Result(m.path("tool_call_id").asText(), text(m.path("content")));
                    }
                }
                case ANTHROPIC -> {
                    for (JsonNode b : m.path("content")) {
                        if (b.path("type").asText().equals("tool_result")) {
                            return new Result(b.path("tool_use_id").asText(), text(b.path("content")));
                        }
                    }
                }
                case GEMINI -> {
                    for (JsonNode p : m.path("parts")) {
                        if (p.has("functionResponse")) {
                            JsonNode r = p.path("functionResponse");
                            return new Result(r.path("name").asText(), r.path("response").toString());
                        }
                    }
                }
            }
        }
        throw new AssertionError("no tool result went upstream: " + request.body());
    }

    private JsonNode turns() {
        JsonNode j = json();
        return switch (request.dialect()) {
            case OPENAI -> responses() ? j.path("input") : j.path("messages");
            case ANTHROPIC -> j.path("messages");
            case GEMINI -> j.path("contents");
        };
    }

    /** A string, or the texts of an array of blocks/parts ({@code text} fields) joined. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        content.forEach(b -> sb.append(b.path("text").asText("")));
        return sb.toString();
    }

    private static JsonNode tree(String json) {
        try {
            return dev.switchboard.format.Json.MAPPER.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("tool arguments are not JSON: " + json, e);
        }
    }
}
