package dev.switchboard.format.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.sse.SseWriter;
import java.nio.charset.StandardCharsets;

/** Renders gateway errors as OpenAI's {@code {"error":{message,type,param,code}}}. */
public final class OpenAiErrors {
    private OpenAiErrors() {}

    public static byte[] body(GatewayError error) {
        return json(error).getBytes(StandardCharsets.UTF_8);
    }

    /** The event that ends a stream which failed after its first byte. */
    public static byte[] streamEvent(GatewayError error) {
        return SseWriter.data(json(error));
    }

    private static String json(GatewayError error) {
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
}
