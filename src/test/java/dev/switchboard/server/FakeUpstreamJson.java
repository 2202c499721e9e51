package dev.switchboard.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

final class FakeUpstreamJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FakeUpstreamJson() {}

    static JsonNode parse(String s) {
        try {
            return MAPPER.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
