package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/** The admin API over HTTP, for the CLI: JSON in and out, refusals turned into their message. */
final class AdminHttpClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String adminKey;

    AdminHttpClient(String baseUrl, String adminKey) {
        this.baseUrl = baseUrl;
        this.adminKey = adminKey;
    }

    JsonNode get(String path, Map<String, String> query) {
        return readJson(send("GET", path + queryString(query), null, "application/json"));
    }

    JsonNode post(String path, JsonNode body) {
        return readJson(send("POST", path, body == null ? null : body.toString(), "application/json"));
    }

    /** The answer as text, e.g. a CSV export. */
    String getText(String path, Map<String, String> query, String accept) {
        return send("GET", path + queryString(query), null, accept);
    }

    private String send(String method, String path, String body, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/v1" + path))
                .timeout(Duration.ofSeconds(30))
                .header("authorization", "Bearer " + adminKey)
                .header("accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("content-type", "application/json");
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliException("cannot reach the gateway at " + baseUrl + " (is it running? see --url/--config)");
        } catch (IOException e) {
            throw new CliException("calling the gateway at " + baseUrl + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        if (r.statusCode() >= 400) {
            throw new CliException("gateway answered " + r.statusCode() + ": " + errorMessage(r.body()));
        }
        return r.body();
    }

    private static String errorMessage(String body) {
        try {
            JsonNode error = JSON.readTree(body).path("error");
            String message = error.path("message").asText("");
            return message.isEmpty() ? "(no message)" : message;
        } catch (IOException e) {
            return "(an answer that is not JSON)";
        }
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new CliException("the gateway answered something that is not JSON");
        }
    }

    private static String queryString(Map<String, String> query) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((k, v) -> {
            if (v != null) {
                q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    /** An ordered map for query parameters; null values are left out. */
    static Map<String, String> params(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
