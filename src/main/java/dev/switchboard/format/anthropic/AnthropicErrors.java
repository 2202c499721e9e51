package dev.switchboard.format.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import java.nio.charset.StandardCharsets;

/**
 * Anthropic's error shape {@code {"type":"error","error":{"type","message"}}}, its error types and
 * the statuses its SDKs expect (overload is 529, a status of Anthropic's own).
 */
public final class AnthropicErrors {
    /** Anthropic's status for {@code overloaded_error}. */
    public static final int OVERLOADED_STATUS = 529;
    private static final int MAX_RAW_MESSAGE = 500;

    private AnthropicErrors() {}

    public static int status(ErrorKind kind) {
        return kind == ErrorKind.OVERLOADED ? OVERLOADED_STATUS : kind.status();
    }

    public static byte[] body(GatewayError error) {
        return json(error).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The error object for a body or an {@code event: error} stream event. */
    static ObjectNode json(GatewayError error) {
        return json(error.kind(), error.getMessage());
    }

    static ObjectNode json(ErrorKind kind, String message) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("type", "error");
        ObjectNode e = root.putObject("error");
        e.put("type", type(kind));
        e.put("message", message == null ? "" : message);
        return root;
    }

    static String type(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST, METHOD_NOT_ALLOWED -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case PERMISSION -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case PAYLOAD_TOO_LARGE -> "request_too_large";
            case RATE_LIMITED -> "rate_limit_error";
            case OVERLOADED -> "overloaded_error";
            case TIMEOUT -> "timeout_error";
            case UPSTREAM_ERROR, INTERNAL -> "api_error";
        };
    }

    /**
     * An upstream error answer as a canonical error. The upstream's message is kept and its error type
     * becomes the {@code code}; a body that is not Anthropic's shape (an HTML page from a proxy, an
     * OpenAI-shaped relay error) still yields the status's kind and a bounded piece of the text.
     */
    public static GatewayError decode(int status, byte[] body) {
        JsonNode root = AnthropicJson.tryObject(body);
        JsonNode error = root == null ? null : root.get("error");
        String type = error != null && error.isObject() ? AnthropicJson.textOrNull(error, "type") : null;
        String message = error != null && error.isObject() ? AnthropicJson.textOrNull(error, "message") : null;
        if (message == null && root != null) {
            message = AnthropicJson.textOrNull(root, "message");
        }
        if (message == null) {
            String raw = new String(body, StandardCharsets.UTF_8).strip();
            message = raw.isEmpty() ? "Upstream answered with status " + status
                    : raw.substring(0, Math.min(raw.length(), MAX_RAW_MESSAGE));
        }
        ErrorKind kind = type == null ? kindForStatus(status) : kindForType(type, status);
        return new GatewayError(kind, message, null, type);
    }

    /** The canonical kind of an Anthropic error type (as in an {@code event: error} stream event). */
    static ErrorKind kindForType(String type, int status) {
        return switch (type) {
            case "invalid_request_error" -> status == 413 ? ErrorKind.PAYLOAD_TOO_LARGE : ErrorKind.INVALID_REQUEST;
            case "authentication_error" -> ErrorKind.AUTHENTICATION;
            // billing (402): the key may not spend; Switchboard has no payment kind of its own
            case "permission_error", "billing_error" -> ErrorKind.PERMISSION;
            case "not_found_error" -> ErrorKind.NOT_FOUND;
            case "request_too_large" -> ErrorKind.PAYLOAD_TOO_LARGE;
            case "rate_limit_error" -> ErrorKind.RATE_LIMITED;
            case "overloaded_error" -> ErrorKind.OVERLOADED;
            case "timeout_error" -> ErrorKind.TIMEOUT;
            case "api_error" -> ErrorKind.UPSTREAM_ERROR;
            default -> kindForStatus(status);
        };
    }

    static ErrorKind kindForStatus(int status) {
        return switch (status) {
            case 400, 422 -> ErrorKind.INVALID_REQUEST;
            case 401 -> ErrorKind.AUTHENTICATION;
            case 402, 403 -> ErrorKind.PERMISSION;
            case 404 -> ErrorKind.NOT_FOUND;
            case 413 -> ErrorKind.PAYLOAD_TOO_LARGE;
            case 429 -> ErrorKind.RATE_LIMITED;
            case 503, OVERLOADED_STATUS -> ErrorKind.OVERLOADED;
            case 504 -> ErrorKind.TIMEOUT;
            default -> ErrorKind.UPSTREAM_ERROR;
        };
    }
}
