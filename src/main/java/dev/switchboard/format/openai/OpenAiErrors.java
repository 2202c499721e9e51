package dev.switchboard.format.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.sse.SseWriter;
import java.nio.charset.StandardCharsets;

/**
 * Renders gateway errors as OpenAI's {@code {"error":{message,type,param,code}}} and reads them back
 * from upstreams, including the shapes OpenAI-compatible servers use instead (vLLM's top-level
 * {@code {"object":"error","message":...}}, Ollama's {@code {"error":"text"}}).
 */
public final class OpenAiErrors {
    private OpenAiErrors() {}

    public static byte[] body(GatewayError error) {
        return json(error).getBytes(StandardCharsets.UTF_8);
    }

    /** The event that ends a stream which failed after its first byte. */
    public static byte[] streamEvent(GatewayError error) {
        return SseWriter.data(json(error));
    }

    /** The error object as JSON text, for encoders that frame it themselves. */
    public static String json(GatewayError error) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode e = root.putObject("error");
        e.put("message", error.getMessage());
        e.put("type", type(error.kind()));
        if (error.param() == null) {
            e.putNull("param");
        } else {
            e.put("param", error.param());
        }
        if (error.code() == null) {
            e.putNull("code");
        } else {
            e.put("code", error.code());
        }
        return root.toString();
    }

    static String type(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST, PAYLOAD_TOO_LARGE, NOT_FOUND, METHOD_NOT_ALLOWED -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case RATE_LIMITED -> "rate_limit_error";
            case OVERLOADED -> "overloaded_error";
            case TIMEOUT -> "timeout_error";
            case UPSTREAM_ERROR -> "upstream_error";
            case INTERNAL -> "server_error";
        };
    }

    /** An upstream's error answer; the upstream's message, param and code are kept. */
    public static GatewayError decode(int status, byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (Exception e) {
            root = null;
        }
        ErrorKind byStatus = kindForStatus(status);
        if (root == null || !root.isObject()) {
            return new GatewayError(byStatus, "upstream answered " + status + ": " + snippet(body));
        }
        JsonNode error = root.get("error");
        if (error != null && error.isTextual()) {
            return new GatewayError(byStatus, error.textValue());
        }
        return fromObject(error != null && error.isObject() ? error : root, byStatus, "upstream answered " + status);
    }

    /**
     * An error object met mid-stream or inside a failed response ({@code message, type, code, param}),
     * where no HTTP status tells the kind: the type and code words decide.
     */
    public static GatewayError fromObject(JsonNode error, ErrorKind fallback, String defaultMessage) {
        String message = text(error, "message");
        String type = text(error, "type");
        String code = error.hasNonNull("code") ? error.get("code").asText() : null;
        ErrorKind kind = fallback != null ? fallback : kindForWords(type, code);
        return new GatewayError(kind, message == null || message.isBlank() ? defaultMessage : message,
                text(error, "param"), code);
    }

    public static ErrorKind kindForStatus(int status) {
        return ErrorKind.ofStatus(status);
    }

    /** The kind an OpenAI error {@code type}/{@code code} pair names; unknown words are the upstream's fault. */
    public static ErrorKind kindForWords(String type, String code) {
        String words = (type == null ? "" : type) + " " + (code == null ? "" : code);
        if (words.contains("rate_limit") || words.contains("insufficient_quota")) {
            return ErrorKind.RATE_LIMITED;
        }
        if (words.contains("invalid_request") || words.contains("invalid_prompt") || words.contains("context_length")) {
            return ErrorKind.INVALID_REQUEST;
        }
        if (words.contains("authentication") || words.contains("invalid_api_key")) {
            return ErrorKind.AUTHENTICATION;
        }
        if (words.contains("permission")) {
            return ErrorKind.PERMISSION;
        }
        if (words.contains("not_found")) {
            return ErrorKind.NOT_FOUND;
        }
        if (words.contains("overloaded") || words.contains("unavailable")) {
            return ErrorKind.OVERLOADED;
        }
        return words.contains("timeout") ? ErrorKind.TIMEOUT : ErrorKind.UPSTREAM_ERROR;
    }

    private static String text(JsonNode node, String field) {
        JsonNode n = node.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static String snippet(byte[] body) {
        String s = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
        return s.isEmpty() ? "(empty body)" : s;
    }
}
