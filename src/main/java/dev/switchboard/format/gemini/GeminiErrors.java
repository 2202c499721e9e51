package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import java.nio.charset.StandardCharsets;

/**
 * Google's error shape {@code {"error":{"code","message","status","details"}}} in both directions.
 * {@code status} is the google.rpc code name the SDKs show; a field named by the gateway travels as a
 * {@code google.rpc.BadRequest} field violation, which is where Google itself puts it.
 */
public final class GeminiErrors {
    private static final String BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest";
    private static final String ERROR_INFO = "type.googleapis.com/google.rpc.ErrorInfo";
    private static final int MAX_RAW_MESSAGE = 300;

    private GeminiErrors() {}

    public static byte[] body(GatewayError error) {
        return GeminiJson.bytes(json(error.kind(), error.getMessage(), error.param()));
    }

    /** The error object of a failed stream: {@code {"error":{...}}}, to be sent as one {@code data:} event. */
    static ObjectNode json(ErrorKind kind, String message, String param) {
        ObjectNode root = GeminiJson.object();
        ObjectNode e = root.putObject("error");
        e.put("code", kind.status());
        e.put("message", message == null ? kind.name().toLowerCase(java.util.Locale.ROOT) : message);
        e.put("status", statusName(kind));
        if (param != null) {
            ObjectNode violation = e.putArray("details").addObject()
                    .put("@type", BAD_REQUEST)
                    .putArray("fieldViolations").addObject();
            violation.put("field", param);
            violation.put("description", message);
        }
        return root;
    }

    static String statusName(ErrorKind kind) {
        return switch (kind) {
            case INVALID_REQUEST, PAYLOAD_TOO_LARGE -> "INVALID_ARGUMENT";
            case AUTHENTICATION -> "UNAUTHENTICATED";
            case PERMISSION -> "PERMISSION_DENIED";
            case NOT_FOUND -> "NOT_FOUND";
            case METHOD_NOT_ALLOWED -> "UNIMPLEMENTED";
            case RATE_LIMITED -> "RESOURCE_EXHAUSTED";
            case INTERNAL, UPSTREAM_ERROR -> "INTERNAL";
            case OVERLOADED -> "UNAVAILABLE";
            case TIMEOUT -> "DEADLINE_EXCEEDED";
        };
    }

    /** An upstream's error answer as a canonical error, message and status name kept. */
    public static GatewayError decode(int httpStatus, byte[] body) {
        JsonNode root = GeminiJson.tryParse(body == null ? null : new String(body, StandardCharsets.UTF_8));
        if (root != null && root.isArray() && !root.isEmpty()) {
            root = root.get(0); // streamGenerateContent without alt=sse wraps everything in an array
        }
        JsonNode error = root == null ? null : root.get("error");
        if (error == null || !error.isObject()) {
            return new GatewayError(kindOf(null, httpStatus), rawMessage(httpStatus, body), null, null);
        }
        return fromErrorObject(error, httpStatus);
    }

    /** The {@code error} object of a body or stream chunk as a canonical error. */
    static GatewayError fromErrorObject(JsonNode error, int httpStatus) {
        String status = textOrNull(error.get("status"));
        JsonNode codeNode = error.get("code");
        int code = codeNode != null && codeNode.canConvertToInt() ? codeNode.asInt() : httpStatus;
        String message = textOrNull(error.get("message"));
        if (message == null) {
            message = "Gemini upstream error" + (status == null ? "" : " " + status) + " (HTTP " + code + ")";
        }
        ErrorKind kind = apiKeyRejected(error) ? ErrorKind.AUTHENTICATION : kindOf(status, code);
        return new GatewayError(kind, message, fieldViolation(error), status);
    }

    /** Gemini answers a wrong API key with 400 INVALID_ARGUMENT; its ErrorInfo reason tells the truth. */
    private static boolean apiKeyRejected(JsonNode error) {
        JsonNode details = error.get("details");
        if (details == null || !details.isArray()) {
            return false;
        }
        for (JsonNode d : details) {
            if (ERROR_INFO.equals(textOrNull(d.get("@type"))) && "API_KEY_INVALID".equals(textOrNull(d.get("reason")))) {
                return true;
            }
        }
        return false;
    }

    private static String fieldViolation(JsonNode error) {
        JsonNode details = error.get("details");
        if (details instanceof ArrayNode arr) {
            for (JsonNode d : arr) {
                JsonNode violations = d.get("fieldViolations");
                if (BAD_REQUEST.equals(textOrNull(d.get("@type"))) && violations != null && violations.isArray()
                        && !violations.isEmpty()) {
                    return textOrNull(violations.get(0).get("field"));
                }
            }
        }
        return null;
    }

    static ErrorKind kindOf(String status, int httpStatus) {
        ErrorKind named = status == null ? null : switch (status) {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> ErrorKind.INVALID_REQUEST;
            case "UNAUTHENTICATED" -> ErrorKind.AUTHENTICATION;
            case "PERMISSION_DENIED" -> ErrorKind.PERMISSION;
            case "NOT_FOUND" -> ErrorKind.NOT_FOUND;
            case "RESOURCE_EXHAUSTED" -> ErrorKind.RATE_LIMITED;
            case "UNAVAILABLE" -> ErrorKind.OVERLOADED;
            case "DEADLINE_EXCEEDED" -> ErrorKind.TIMEOUT;
            case "INTERNAL", "UNKNOWN", "DATA_LOSS", "ABORTED", "CANCELLED", "UNIMPLEMENTED" -> ErrorKind.UPSTREAM_ERROR;
            default -> null; // a name newer than this table: the HTTP status decides
        };
        if (named != null) {
            return named;
        }
        return switch (httpStatus) {
            case 400, 409, 422 -> ErrorKind.INVALID_REQUEST;
            case 401 -> ErrorKind.AUTHENTICATION;
            case 403 -> ErrorKind.PERMISSION;
            case 404 -> ErrorKind.NOT_FOUND;
            case 413 -> ErrorKind.PAYLOAD_TOO_LARGE;
            case 429 -> ErrorKind.RATE_LIMITED;
            case 503, 529 -> ErrorKind.OVERLOADED;
            case 504 -> ErrorKind.TIMEOUT;
            default -> ErrorKind.UPSTREAM_ERROR;
        };
    }

    private static String rawMessage(int httpStatus, byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        if (text.length() > MAX_RAW_MESSAGE) {
            text = text.substring(0, MAX_RAW_MESSAGE) + "…";
        }
        return "Gemini upstream answered HTTP " + httpStatus + (text.isEmpty() ? "" : ": " + text);
    }

    private static String textOrNull(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : null;
    }
}
