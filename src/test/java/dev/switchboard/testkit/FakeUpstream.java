package dev.switchboard.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server on a free loopback port that speaks the three provider APIs, for tests of the real
 * gateway: OpenAI (chat, responses, embeddings, models; {@link FakeOpenAi}), Anthropic Messages
 * ({@link FakeAnthropic}) and Gemini ({@link FakeGemini}), chosen by path (and, for the shared
 * {@code GET /v1/models}, by the {@code anthropic-version} header). Anthropic and Gemini are strict:
 * they reject what the real APIs reject, in the real error shapes. The server records every request it
 * gets, counts open connections, and plays scripted faults in the dialect of the request: an error
 * status with Retry-After or a late body, slow headers, a stall, a reset or an error event mid-stream, malformed JSON,
 * and a long fast stream for backpressure tests. With {@link #setChaos} it also draws random faults and
 * latency for every request that has no scripted fault queued.
 *
 * <p>Every model answer carries its own id ({@code chatcmpl-fake-<port>-<n>}, {@code msg_fake_<port>_<n>},
 * Gemini's {@code responseId} {@code gemini-fake-<port>-<n>}), so a test can tell which upstream (and which
 * of its answers) a client got, and {@link #answerState} says whether that answer left this server whole
 * or was cut by a fault.
 *
 * <p>Usage is the same in every dialect, in each API's own terms: {@link #PROMPT_TOKENS} prompt tokens of
 * which {@link #CACHED_TOKENS} were read from cache and (Anthropic) {@link #CACHE_WRITE_TOKENS} written
 * to it, and {@link #COMPLETION_TOKENS} output tokens of which {@link #REASONING_TOKENS} were reasoning.
 */
public final class FakeUpstream implements AutoCloseable {
    /** All prompt tokens, cached ones included (OpenAI prompt_tokens, Gemini promptTokenCount). */
    public static final long PROMPT_TOKENS = 11;
    /** All output tokens, reasoning included (OpenAI completion_tokens, Anthropic output_tokens). */
    public static final long COMPLETION_TOKENS = 7;
    /** Prompt tokens read from cache (cached_tokens, cache_read_input_tokens, cachedContentTokenCount). */
    public static final long CACHED_TOKENS = 3;
    /** Output tokens spent on reasoning (reasoning_tokens, Gemini thoughtsTokenCount). */
    public static final long REASONING_TOKENS = 2;
    /** Prompt tokens written to cache: Anthropic's cache_creation_input_tokens. */
    public static final long CACHE_WRITE_TOKENS = 2;
    /** Anthropic's input_tokens: the prompt tokens neither read from nor written to cache. */
    public static final long ANTHROPIC_INPUT_TOKENS = PROMPT_TOKENS - CACHED_TOKENS - CACHE_WRITE_TOKENS;
    /** Gemini's candidatesTokenCount: output tokens without the thoughts. */
    public static final long GEMINI_CANDIDATES_TOKENS = COMPLETION_TOKENS - REASONING_TOKENS;
    /** Gemini's totalTokenCount: prompt, candidates and thoughts. */
    public static final long GEMINI_TOTAL_TOKENS = PROMPT_TOKENS + COMPLETION_TOKENS;
    static final ObjectMapper JSON = new ObjectMapper();

    /** The API a request was answered in. */
    public enum Dialect { OPENAI, ANTHROPIC, GEMINI }

    /**
     * One request as the upstream saw it.
     *
     * @param path the request-target: the path and, when sent, {@code ?query} (Gemini's {@code alt=sse})
     * @param dialect the API the fake answered it in
     */
    public record Recorded(String method, String path, Map<String, String> headers, String body, Dialect dialect) {
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
        /** Answers {@code status}; without a {@code body}, the error body of the request's dialect. */
        record Status(int status, String retryAfter, String body) implements Fault {}

        record SlowHeaders(Duration delay) implements Fault {}

        /**
         * Answers {@code status} with the headers at once and the dialect's error body only after {@code bodyDelay}:
         * the gateway knows when the headers came long before it can judge the answer and move on.
         */
        record StatusWithSlowBody(int status, Duration bodyDelay) implements Fault {}

        record StallAfterEvents(int events) implements Fault {}

        record ResetAfterEvents(int events) implements Fault {}

        /** Closes the connection without sending a byte of the answer. */
        record ResetBeforeHeaders() implements Fault {}

        record MalformedJson() implements Fault {}

        /** Sends the stream with a Content-Length, as a static-file server would; cut short if asked. */
        record SseWithLength(boolean truncate) implements Fault {}

        /** Streams {@code totalBytes} of content chunks as fast as the gateway takes them. */
        record LongStream(long totalBytes) implements Fault {}

        /** Sends {@code events} events of the stream, then the dialect's error event for {@code status}, then ends. */
        record ErrorEventAfterEvents(int events, int status) implements Fault {}

        /** An error answer of {@code status} in the dialect of the request. */
        static Fault status(int status) {
            return new Status(status, null, null);
        }

        /** Anthropic's 529 {@code overloaded_error} (rendered in the request's dialect). */
        static Fault overloaded() {
            return new Status(529, null, null);
        }
    }

    /** What became of one model answer (chat, message, generateContent) this server started. */
    public enum AnswerState {
        /** Not an id of this server, or still being sent. */
        UNKNOWN,
        /** Sent whole: the last byte was handed to the socket. */
        WHOLE,
        /** Cut on purpose by a mid-stream reset, stall or error event. */
        BROKEN
    }

    private final Vertx vertx;
    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final AtomicInteger closedConnections = new AtomicInteger();
    private final AtomicLong requestCount = new AtomicLong();
    private final AnswerLedger ledger = new AnswerLedger();
    private final FaultPlayer player;
    /** Tried in order; the OpenAI dialect, last, takes what the others leave. */
    private final List<FakeDialect> dialects;
    private volatile boolean recording = true;
    private volatile ChaosDraw chaos;

    private FakeUpstream(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
        this.player = new FaultPlayer(vertx, ledger);
        int port = server.actualPort();
        this.dialects = List.of(new FakeAnthropic(ledger::next, port), new FakeGemini(ledger::next, port),
                new FakeOpenAi(ledger::next, "chatcmpl-fake-" + port + "-"));
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
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException(e);
        }
        self[0] = new FakeUpstream(vertx, server); // before any request can arrive: nothing knows the port yet
        return self[0];
    }

    public int port() {
        return server.actualPort();
    }

    /** The base URL to configure as an OpenAI-format provider's {@code base_url}. */
    public String baseUrl() {
        return rootUrl() + "/v1";
    }

    /** The server's root, {@code http://127.0.0.1:<port>}, without a path. */
    public String rootUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The base URL of an Anthropic-format provider (and of the Anthropic SDK): the root, as api.anthropic.com. */
    public String anthropicBaseUrl() {
        return rootUrl();
    }

    /** The base URL of a Gemini-format provider (and of google-genai): the root, as generativelanguage.googleapis.com. */
    public String geminiBaseUrl() {
        return rootUrl();
    }

    /** Queues a fault for the next request, whatever its dialect; faults render in that dialect. */
    public void enqueue(Fault fault) {
        faults.add(fault);
    }

    /** Draws random faults for every request with no queued fault; {@code null} turns chaos off. */
    public void setChaos(ChaosProfile profile) {
        chaos = profile == null ? null : new ChaosDraw(profile);
    }

    /** How many faults of each kind chaos has drawn so far ({@code 503}, {@code 429}, {@code slow_headers} …). */
    public Map<String, Long> chaosInjected() {
        ChaosDraw c = chaos;
        Map<String, Long> out = new TreeMap<>();
        if (c != null) {
            c.injected.forEach((k, v) -> out.put(k, v.sum()));
        }
        return out;
    }

    /**
     * Whether {@link #requests()} keeps every request (the default). Long runs turn it off so the
     * record does not grow the heap; {@link #requestCount()} counts regardless.
     */
    public void setRecording(boolean on) {
        recording = on;
    }

    /** Requests received, recorded or not. */
    public long requestCount() {
        return requestCount.get();
    }

    /** The prefix of this server's OpenAI chat answer ids. */
    public String idPrefix() {
        return idPrefix(Dialect.OPENAI);
    }

    /** The prefix of this server's answer ids in {@code dialect} (Gemini: of its {@code responseId}). */
    public String idPrefix(Dialect dialect) {
        return switch (dialect) {
            case OPENAI -> "chatcmpl-fake-" + port() + "-";
            case ANTHROPIC -> FakeAnthropic.idPrefix(port());
            case GEMINI -> FakeGemini.idPrefix(port());
        };
    }

    /** Whether the answer {@code id} (of any dialect) left this server whole, was cut on purpose, or is not known. */
    public AnswerState answerState(String id) {
        if (id == null) {
            return AnswerState.UNKNOWN;
        }
        for (Dialect d : Dialect.values()) {
            String prefix = idPrefix(d);
            if (id.startsWith(prefix)) {
                try {
                    return ledger.state(Integer.parseInt(id.substring(prefix.length())));
                } catch (NumberFormatException e) {
                    return AnswerState.UNKNOWN;
                }
            }
        }
        return AnswerState.UNKNOWN;
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
        return player.streamedBytes();
    }

    public void reset() {
        requests.clear();
        faults.clear();
    }

    private void handle(HttpServerRequest req) {
        req.body().onSuccess(body -> {
            requestCount.incrementAndGet();
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            req.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
            FakeRequest request = new FakeRequest(req.method().name(), req.path(), req.query(), headers, body.toString());
            FakeDialect dialect = dialects.stream().filter(d -> d.handles(request)).findFirst().orElseThrow();
            if (recording) {
                requests.add(new Recorded(request.method(), request.uri(), headers, request.body(), dialect.name()));
            }
            Fault queued = faults.poll();
            ChaosDraw c = chaos;
            if (queued != null || c == null) {
                player.play(req, request, dialect, queued);
                return;
            }
            Fault drawn = c.draw(dialect.isStream(request));
            long latency = c.latencyMillis();
            if (latency > 0) {
                vertx.setTimer(latency, id -> player.play(req, request, dialect, drawn));
            } else {
                player.play(req, request, dialect, drawn);
            }
        });
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
