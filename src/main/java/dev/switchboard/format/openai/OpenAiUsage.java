package dev.switchboard.format.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.switchboard.format.Json;
import dev.switchboard.model.Usage;
import java.io.IOException;

/**
 * Reads OpenAI {@code usage} objects with the streaming parser, skipping everything else, so the
 * side decoder costs little more than a scan of the bytes. Understands both shapes: Chat Completions
 * and embeddings ({@code prompt_tokens}, {@code completion_tokens}) and Responses
 * ({@code input_tokens}, {@code output_tokens}). Input counts include cached tokens, as OpenAI reports.
 */
public final class OpenAiUsage {
    private OpenAiUsage() {}

    /** Usage from a whole response body ({@code usage} at the top level), or null when absent. */
    public static Usage fromBody(byte[] json) {
        return fromBody(json, 0, json.length);
    }

    public static Usage fromBody(byte[] json, int offset, int length) {
        Usage fast = fromLastUsageKey(json, offset, length);
        if (fast != null) {
            return fast;
        }
        try (JsonParser p = Json.FACTORY.createParser(json, offset, length)) {
            return findUsage(p, false);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Fast path: providers put {@code usage} last, after the (long) choices. Inside string values
     * quotes are escaped, so a raw {@code "usage":{} can only be a key; parsing just that object skips
     * the scan of everything before it. Falls back to the full parse when the shape is unexpected.
     */
    private static Usage fromLastUsageKey(byte[] json, int offset, int length) {
        int end = offset + length;
        for (int i = end - 8; i >= offset; i--) {
            if (json[i] == '"' && json[i + 1] == 'u' && json[i + 2] == 's' && json[i + 3] == 'a' && json[i + 4] == 'g'
                    && json[i + 5] == 'e' && json[i + 6] == '"') {
                int j = i + 7;
                while (j < end && (json[j] == ' ' || json[j] == ':' || json[j] == '\n' || json[j] == '\r' || json[j] == '\t')) {
                    j++;
                }
                if (j >= end || json[j] != '{') {
                    return null;
                }
                try (JsonParser p = Json.FACTORY.createParser(json, j, end - j)) {
                    p.nextToken();
                    return readUsage(p);
                } catch (IOException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Usage under {@code response.usage}, as carried by Responses stream events. */
    public static Usage fromResponseEvent(String json) {
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            return findUsage(p, true);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Usage findUsage(JsonParser p, boolean nestedInResponse) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (nestedInResponse && "response".equals(name) && t == JsonToken.START_OBJECT) {
                return findUsageInObject(p);
            }
            if (!nestedInResponse && "usage".equals(name)) {
                return t == JsonToken.START_OBJECT ? readUsage(p) : null;
            }
            p.skipChildren();
        }
        return null;
    }

    private static Usage findUsageInObject(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if ("usage".equals(name)) {
                return t == JsonToken.START_OBJECT ? readUsage(p) : null;
            }
            p.skipChildren();
        }
        return null;
    }

    /** Reads a usage object; the parser stands on its START_OBJECT. */
    public static Usage readUsage(JsonParser p) throws IOException {
        long input = 0, output = 0, cached = 0, reasoning = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "prompt_tokens", "input_tokens" -> input = longValue(p, t);
                case "completion_tokens", "output_tokens" -> output = longValue(p, t);
                case "prompt_tokens_details", "input_tokens_details" -> cached = detail(p, t, "cached_tokens");
                case "completion_tokens_details", "output_tokens_details" -> reasoning = detail(p, t, "reasoning_tokens");
                default -> p.skipChildren();
            }
        }
        return new Usage(input, output, cached, 0, reasoning, false);
    }

    private static long detail(JsonParser p, JsonToken t, String field) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            return 0;
        }
        long value = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals(name)) {
                value = longValue(p, v);
            } else {
                p.skipChildren();
            }
        }
        return value;
    }

    private static long longValue(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : 0;
    }
}
