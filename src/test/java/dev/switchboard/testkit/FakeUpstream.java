package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real OpenAI-speaking HTTP server on a free loopback port, for tests of the real gateway. It answers
 * chat (whole and streamed, tools included), responses, embeddings and models, records every request
 * it gets, counts open connections, and plays scripted faults: an error status with Retry-After,
 * slow headers, a stall or a reset mid-stream, malformed JSON, and a long fast stream for
 * backpressure tests.
 */
public final class FakeUpstream implements AutoCloseable {
    public static final long PROMPT_TOKENS = 11, COMPLETION_TOKENS = 7, CACHED_TOKENS = 3, REASONING_TOKENS = 2;
    static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the upstream saw it. */
    public record Recorded(String method, String path, Map<String, String> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new AssertionError("upstream got invalid JSON: " + body, e);
            }
        }
    }

    /** What to do with the next request. */
    public sealed interface Fault {
        record Status(int status, String retryAfter, String body) implements Fault {}

        record SlowHeaders(Duration delay) implements Fault {}

        record StallAfterEvents(int events) implements Fault {}

        record ResetAfterEvents(int events) implements Fault {}

        record MalformedJson() implements Fault {}

        /** Sends the stream with a Content-Length, as a static-file server would; cut short if asked. */
        record SseWithLength(boolean truncate) implements Fault {}

        /** Streams {@code totalBytes} of content chunks as fast as the gateway takes them. */
        record LongStream(long totalBytes) implements Fault {}
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger closedConnections = new AtomicInteger();
    private final AtomicLong streamedBytes = new AtomicLong();

    private FakeUpstream(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    public static FakeUpstream start() {
        Vertx vertx = Vertx.vertx();
        FakeUpstream[] self = new FakeUpstream[1];
        HttpServer server = vertx.createHttpServer();
        server.connectionHandler(conn -> {
            self[0].openConnections.incrementAndGet();
            conn.closeHandler(v -> {
                self[0].openConnections.decrementAndGet();
                self[0].closedConnections.incrementAndGet();
            });
        });
        server.requestHandler(req -> self[0].handle(req));
        self[0] = new FakeUpstream(vertx, server);
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException(e);
        }
        return self[0];
    }

    public int port() {
        return server.actualPort();
    }

    /** The base URL to configure as a provider's {@code base_url}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    public void enqueue(Fault fault) {
        faults.add(fault);
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public int openConnections() {
        return openConnections.get();
    }

    public int closedConnections() {
        return closedConnections.get();
    }

    /** Bytes the long-stream fault has handed to its socket so far. */
    public long streamedBytes() {
        return streamedBytes.get();
    }

    public void reset() {
        requests.clear();
        faults.clear();
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            req.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
            requests.add(new Recorded(req.method().name(), req.path(), headers, body.toString()));
            Fault fault = faults.poll();
            HttpServerResponse resp = req.response();
            if (fault instanceof Fault.Status s) {
                if (s.retryAfter() != null) {
                    resp.putHeader("retry-after", s.retryAfter());
                }
                resp.setStatusCode(s.status()).putHeader("content-type", "application/json")
                        .end(s.body() != null ? s.body() : FakeAnswers.error(s.status()));
                return;
            }
            if (fault instanceof Fault.SlowHeaders slow) {
                vertx.setTimer(slow.delay().toMillis(), id -> answer(req, body.toString(), null));
                return;
            }
            answer(req, body.toString(), fault);
        });
    }

    private void answer(HttpServerRequest req, String body, Fault fault) {
        HttpServerResponse resp = req.response();
        if (resp.closed()) {
            return;
        }
        if (fault instanceof Fault.MalformedJson) {
            resp.putHeader("content-type", "application/json").end("{\"id\": \"broken\", \"choices\": [");
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (Exception e) {
            resp.setStatusCode(400).putHeader("content-type", "application/json").end(FakeAnswers.error(400));
            return;
        }
        String path = req.path();
        if (req.method().name().equals("GET") && path.startsWith("/v1/models")) {
            resp.putHeader("content-type", "application/json").end(FakeAnswers.models());
            return;
        }
        switch (path) {
            case "/v1/chat/completions" -> {
                if (!request.path("stream").asBoolean(false)) {
                    resp.putHeader("content-type", "application/json").end(FakeAnswers.chat(request));
                } else {
                    stream(resp, FakeAnswers.chatStream(request), fault);
                }
            }
            case "/v1/responses" -> {
                if (!request.path("stream").asBoolean(false)) {
                    resp.putHeader("content-type", "application/json").end(FakeAnswers.response(request));
                } else {
                    stream(resp, FakeAnswers.responseStream(request), fault);
                }
            }
            case "/v1/embeddings" -> resp.putHeader("content-type", "application/json").end(FakeAnswers.embeddings(request));
            default -> resp.setStatusCode(404).putHeader("content-type", "application/json").end(FakeAnswers.error(404));
        }
    }

    private void stream(HttpServerResponse resp, List<String> events, Fault fault) {
        if (fault instanceof Fault.SseWithLength withLength) {
            String all = String.join("", events);
            resp.putHeader("content-type", "text/event-stream").putHeader("content-length", Integer.toString(all.length()));
            if (withLength.truncate()) {
                resp.write(all.substring(0, all.length() / 2));
                vertx.setTimer(20, id -> resp.reset());
            } else {
                resp.end(all);
            }
            return;
        }
        resp.setChunked(true).putHeader("content-type", "text/event-stream").putHeader("cache-control", "no-cache");
        if (fault instanceof Fault.LongStream big) {
            longStream(resp, big.totalBytes());
            return;
        }
        int limit = events.size();
        if (fault instanceof Fault.StallAfterEvents s) {
            limit = s.events();
        } else if (fault instanceof Fault.ResetAfterEvents r) {
            limit = r.events();
        }
        for (int i = 0; i < Math.min(limit, events.size()); i++) {
            resp.write(events.get(i));
        }
        if (fault instanceof Fault.StallAfterEvents) {
            return; // never end: the gateway's idle timeout must notice
        }
        if (fault instanceof Fault.ResetAfterEvents) {
            vertx.setTimer(20, id -> resp.reset());
            return;
        }
        resp.end();
    }

    private void longStream(HttpServerResponse resp, long totalBytes) {
        String content = "x".repeat(1000);
        Buffer event = Buffer.buffer("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"content\":\"" + content + "\"},\"finish_reason\":null}]}\n\n");
        long[] produced = {0};
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            // a bounded batch per turn, so that a close of the connection is seen between batches
            for (int i = 0; i < 64 && !resp.writeQueueFull() && produced[0] < totalBytes && !resp.closed(); i++) {
                produced[0] += event.length();
                // counted once the socket took it, so the figure is what really left this server
                resp.write(event).onSuccess(v -> streamedBytes.addAndGet(event.length()));
            }
            if (resp.closed()) {
                return;
            }
            if (produced[0] >= totalBytes) {
                resp.end("data: [DONE]\n\n");
            } else if (resp.writeQueueFull()) {
                resp.drainHandler(v -> pump[0].run());
            } else {
                vertx.runOnContext(v -> pump[0].run());
            }
        };
        pump[0].run();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // best effort in tests
        }
    }
}
