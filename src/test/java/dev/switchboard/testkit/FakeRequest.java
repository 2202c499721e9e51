package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as a fake dialect sees it: the request line split into path and query, headers with
 * case-insensitive names, and the body text. {@link #json()} parses the body once per call; bodies are
 * small in tests.
 */
record FakeRequest(String method, String path, String rawQuery, Map<String, String> headers, String body) {
    FakeRequest {
        TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        headers = h;
    }

    /** The request-target as sent: path and, when there is one, {@code ?query}. */
    String uri() {
        return rawQuery == null || rawQuery.isEmpty() ? path : path + "?" + rawQuery;
    }

    String header(String name) {
        return headers.get(name);
    }

    boolean isPost() {
        return "POST".equals(method);
    }

    /** Query parameters, decoded; the last value wins for repeated names. */
    Map<String, String> query() {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The body as JSON; throws on malformed JSON, so a dialect can answer it in its own error shape. */
    JsonNode json() throws java.io.IOException {
        return FakeUpstream.JSON.readTree(body.isEmpty() ? "{}" : body);
    }
}
