package dev.switchboard.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Calls the admin API of a running gateway and keeps every answer, so a test can scan them all for secrets. */
final class AdminClient {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: status, headers, body text and (when JSON) the parsed body. */
    record Reply(int status, HttpResponse<String> raw) {
        String body() {
            return raw.body();
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + raw.body(), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The {@code error.param} of a refusal. */
        String param() {
            return json().path("error").path("param").asText(null);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String adminKey;
    private final List<Reply> replies;

    AdminClient(String baseUrl, String adminKey) {
        this(baseUrl, adminKey, Collections.synchronizedList(new ArrayList<>()));
    }

    private AdminClient(String baseUrl, String adminKey, List<Reply> replies) {
        this.baseUrl = baseUrl;
        this.adminKey = adminKey;
        this.replies = replies;
    }

    Reply get(String path) {
        return send("GET", path, null);
    }

    Reply post(String path, String json) {
        return send("POST", path, json);
    }

    Reply patch(String path, String json) {
        return send("PATCH", path, json);
    }

    Reply delete(String path) {
        return send("DELETE", path, null);
    }

    Reply send(String method, String path, String json, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        boolean typed = false;
        for (int i = 0; i < headers.length; i += 2) {
            typed |= headers[i].equalsIgnoreCase("content-type");
        }
        if (json != null && !typed) {
            b.header("content-type", "application/json");
        }
        if (adminKey != null) {
            b.header("authorization", "Bearer " + adminKey);
        }
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            Reply r = new Reply(0, http.send(b.build(), HttpResponse.BodyHandlers.ofString()));
            r = new Reply(r.raw().statusCode(), r.raw());
            replies.add(r);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The same gateway with another (or no) admin key; its answers are kept with this client's. */
    AdminClient withKey(String key) {
        return new AdminClient(baseUrl, key, replies);
    }

    List<Reply> replies() {
        synchronized (replies) {
            return List.copyOf(replies);
        }
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** A JSON string literal. */
    static String s(String value) {
        return JSON.getNodeFactory().textNode(value).toString();
    }
}
