package dev.switchboard.server.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.format.Json;
import java.nio.charset.StandardCharsets;

/** What an admin resource answers: a status, a content type and the bytes. */
record AdminReply(int status, String contentType, byte[] body) {
    static final String JSON = "application/json";

    static AdminReply json(int status, Object value) {
        try {
            return new AdminReply(status, JSON, Json.MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("admin reply is not serialisable", e);
        }
    }

    static AdminReply ok(Object value) {
        return json(200, value);
    }

    static AdminReply created(Object value) {
        return json(201, value);
    }

    static AdminReply text(String contentType, String text) {
        return new AdminReply(200, contentType, text.getBytes(StandardCharsets.UTF_8));
    }
}
