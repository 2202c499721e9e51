package dev.switchboard.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.sse.SseWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the mock model says: it echoes the last user message back, word by word when streaming.
 * Token counts are deterministic (about four characters a token) so usage can be asserted.
 */
public final class MockAnswers {
    private final Clock clock;

    public MockAnswers(Clock clock) {
        this.clock = clock;
    }

    /** @param chunks the body, one element per network write */
    public record Answer(int status, String contentType, List<byte[]> chunks) {}

    public Answer answer(String path, byte[] body) {
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return error(400, "mock: request is not valid JSON");
        }
        String model = request.path("model").asText("mock");
        boolean stream = request.path("stream").asBoolean(false);
        return switch (path) {
            case "/chat/completions" -> new MockChat(model, lastUserText(request.path("messages")),
                    tokens(request.path("messages").toString()), now()).answer(stream,
                    request.path("stream_options").path("include_usage").asBoolean(false));
            case "/responses" -> new MockResponses(model, responsesInput(request.path("input")),
                    tokens(request.path("input").toString()), now()).answer(stream);
            case "/embeddings" -> embeddings(model, request.path("input"),
                    "base64".equals(request.path("encoding_format").asText()));
            default -> error(404, "mock: no such endpoint " + path);
        };
    }

    static long tokens(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }

    static String reply(String userText) {
        return userText.isBlank() ? "Hello from the Switchboard mock provider." : "Echo: " + userText.strip();
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                out.add(text.substring(start, i));
                start = i;
            }
        }
        return out;
    }

    static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    static Answer json(JsonNode node) {
        return new Answer(200, "application/json", List.of(bytes(node)));
    }

    static Answer sse(List<byte[]> events) {
        return new Answer(200, "text/event-stream", events);
    }

    static byte[] event(String type, JsonNode data) {
        return SseWriter.event(type, data.toString());
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private static String lastUserText(JsonNode messages) {
        String last = "";
        for (JsonNode m : messages) {
            if ("user".equals(m.path("role").asText())) {
                last = text(m.path("content"));
            }
        }
        return last;
    }

    private static String responsesInput(JsonNode input) {
        if (input.isTextual()) {
            return input.asText();
        }
        return lastUserText(input);
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            if (part.has("text")) {
                sb.append(part.path("text").asText());
            }
        }
        return sb.toString();
    }

    /** @param base64 the vectors as base64 of little-endian float32, as OpenAI sends them when asked (SDKs do) */
    private Answer embeddings(String model, JsonNode input, boolean base64) {
        List<String> inputs = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(n -> inputs.add(n.toString()));
        } else {
            inputs.add(input.asText());
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        long total = 0;
        for (int i = 0; i < inputs.size(); i++) {
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            item.put("index", i);
            int h = inputs.get(i).hashCode();
            float[] vector = new float[8];
            for (int d = 0; d < vector.length; d++) {
                vector[d] = ((h >>> (d * 4)) & 0xF) / 15.0f - 0.5f;
            }
            if (base64) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(vector.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (float f : vector) {
                    buf.putFloat(f);
                }
                item.put("embedding", java.util.Base64.getEncoder().encodeToString(buf.array()));
            } else {
                ArrayNode values = item.putArray("embedding");
                for (float f : vector) {
                    values.add(f);
                }
            }
            total += tokens(inputs.get(i));
        }
        root.put("model", model);
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", total);
        usage.put("total_tokens", total);
        return json(root);
    }

    static Answer error(int status, String message) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", message);
        e.put("type", "invalid_request_error");
        e.putNull("param");
        e.putNull("code");
        return new Answer(status, "application/json", List.of(bytes(root)));
    }
}
