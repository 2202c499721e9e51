package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testkit.FakeAnswers;
import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.FakeUpstream.AnswerState;
import dev.switchboard.testkit.ChaosProfile;
import dev.switchboard.testkit.GatewayTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A bounded chaos run through the real gateway: three providers behind one round-robin alias, two of
 * them drawing random faults (503, 429, slow headers, resets and stalls, latency), one only slow. A
 * fixed number of clients send a mix of whole and streamed chat requests for a bounded time.
 *
 * <p>What may fail, by design: a stream whose upstream breaks after its headers and first events were
 * relayed cannot be retried, so it ends with one error event. Those are counted apart and checked to be
 * well formed and to belong to an answer the fake really cut. Everything else must succeed.
 *
 * <p>{@code -Dchaos.seconds=60} lengthens the run (default 20 s), {@code -Dchaos.clients} and
 * {@code -Dchaos.seed} change the load and the draw.
 */
@Tag("chaos")
class ChaosTest {
    static final Duration RUN = Duration.ofSeconds(Long.getLong("chaos.seconds", 20));
    static final Duration WARM_UP = Duration.ofSeconds(3);
    static final int CLIENTS = Integer.getInteger("chaos.clients", 16);
    static final long SEED = Long.getLong("chaos.seed", 5_2025L);
    static final long HEAP_GROWTH_LIMIT = 16L << 20;
    static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static ChaosProfile flaky(long seed) {
        return new ChaosProfile(seed, 0.06, 0.005, 0.02, 0.03, 0.01, 0.005,
                Duration.ofMillis(40), Duration.ofMillis(1500));
    }

    FakeUpstream flaky1;
    FakeUpstream flaky2;
    FakeUpstream steady;
    /** Provider name, as the gateway reports it, to its fake. */
    Map<String, FakeUpstream> fakes;
    GatewayTest gw;
    HttpClient http;
    ExecutorService httpExecutor;

    @BeforeEach
    void up() {
        flaky1 = FakeUpstream.start();
        flaky2 = FakeUpstream.start();
        steady = FakeUpstream.start();
        fakes = new LinkedHashMap<>();
        fakes.put("flaky1", flaky1);
        fakes.put("flaky2", flaky2);
        fakes.put("steady", steady);
        flaky1.setChaos(flaky(SEED));
        flaky2.setChaos(flaky(SEED + 1));
        steady.setChaos(ChaosProfile.healthy(SEED + 2, Duration.ofMillis(40)));
        fakes.values().forEach(f -> f.setRecording(false));
        String timeouts = "{ connect: 1s, first_byte: 500ms, idle: 1s, total: 10s }";
        gw = GatewayTest.start("""
                providers:
                  flaky1:
                    base_url: ${FLAKY1_URL}
                    keys: ["sk-flaky1-aaaaaaaaaaaa", "sk-flaky1-bbbbbbbbbbbb"]
                    allow_private: true
                    timeouts: %1$s
                  flaky2:
                    base_url: ${FLAKY2_URL}
                    keys: ["sk-flaky2-aaaaaaaaaaaa", "sk-flaky2-bbbbbbbbbbbb"]
                    allow_private: true
                    timeouts: %1$s
                  steady:
                    base_url: ${STEADY_URL}
                    keys: ["sk-steady-aaaaaaaaaaaa"]
                    allow_private: true
                    timeouts: %1$s
                models:
                  chaos:
                    targets: [flaky1/upstream-model, flaky2/upstream-model, steady/upstream-model]
                    strategy: round-robin
                    affinity: false
                keys:
                  - name: test
                    key: %2$s
                """.formatted(timeouts, GatewayTest.KEY),
                Map.of("FLAKY1_URL", flaky1.baseUrl(), "FLAKY2_URL", flaky2.baseUrl(), "STEADY_URL", steady.baseUrl()),
                false, false);
        httpExecutor = Executors.newVirtualThreadPerTaskExecutor();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpExecutor)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void down() {
        if (gw != null) {
            gw.close();
        }
        http.close();
        httpExecutor.close();
        fakes.values().forEach(FakeUpstream::close);
    }

    @Test
    void clientsKeepGettingWholeAnswersWhileTwoOfThreeProvidersMisbehave() throws Exception {
        Tally tally = new Tally();
        long t0 = System.nanoTime();
        run(WARM_UP, tally, 0);
        long heapAfterWarmUp = liveHeap();
        run(RUN.minus(WARM_UP), tally, 1);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long heapGrowth = liveHeap() - heapAfterWarmUp;

        // while idle the pool may keep connections, but no more than the load ever needed: no leak
        Map<String, Integer> idleOpen = new LinkedHashMap<>();
        fakes.forEach((name, f) -> idleOpen.put(name, f.openConnections()));

        long requests = tally.requests();
        long upstreamRequests = fakes.values().stream().mapToLong(FakeUpstream::requestCount).sum();
        long answerable = requests - tally.midStream.sum();
        double rate = answerable == 0 ? 0 : 100.0 * tally.ok.sum() / answerable;
        Map<String, Long> injected = new java.util.TreeMap<>();
        fakes.values().forEach(f -> f.chaosInjected().forEach((k, v) -> injected.merge(k, v, Long::sum)));
        long injectedMidStream = injected.getOrDefault("reset_mid_stream", 0L) + injected.getOrDefault("stall_mid_stream", 0L);
        StringBuilder perFake = new StringBuilder();
        fakes.forEach((name, f) -> perFake.append(perFake.isEmpty() ? "" : ", ").append(name).append(' ').append(f.requestCount()));
        System.out.printf(java.util.Locale.ROOT,
                "chaos: %d requests in %.1f s (%.0f/s, %d clients), %d ok, %d mid-stream error events (by design; %d cut by fakes),"
                        + " %d failed, %d no answer, %d violations; upstream attempts %d (%s) = %d failovers/retries;"
                        + " faults %s; success %.3f %% of answerable; heap %+.1f MiB%n",
                requests, seconds, requests / seconds, CLIENTS, tally.ok.sum(), tally.midStream.sum(), injectedMidStream,
                tally.failed.sum(), tally.noAnswer.sum(), tally.violationCount.get(), upstreamRequests, perFake,
                upstreamRequests - requests, injected, rate, heapGrowth / 1048576.0);

        assertThat(tally.violations).as("answers duplicated, mixed or malformed").isEmpty();
        assertThat(requests).as("requests sent").isGreaterThan(100);
        assertThat(injected.values().stream().mapToLong(Long::longValue).sum()).as("faults injected").isPositive();
        assertThat(upstreamRequests).as("upstream attempts: failover happened").isGreaterThan(requests);
        assertThat(rate).as("success rate of requests that could be answered; failures: %s", tally.failures)
                .isGreaterThanOrEqualTo(99.9);
        // every error event closes a stream the fake really cut; no whole answer arrived broken
        assertThat(tally.midStream.sum()).as("mid-stream error events").isLessThanOrEqualTo(injectedMidStream);
        assertThat(heapGrowth).as("live heap growth after warm-up").isLessThan(HEAP_GROWTH_LIMIT);
        assertThat(idleOpen).as("connections held open while idle").allSatisfy((name, open) ->
                assertThat(open).isLessThanOrEqualTo(2 * CLIENTS));

        gw.close();
        gw = null;
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> fakes.forEach((name, f) ->
                assertThat(f.openConnections()).as("connections left open on %s after the gateway closed", name).isZero()));
    }

    /**
     * Found by this run's stream checks: an upstream that sends {@code data: [DONE]} and then drops the
     * connection before the chunked body's last chunk must leave the client's whole answer alone, with
     * no error event after the {@code [DONE]}, and the call recorded as a success.
     */
    @Test
    void aResetAfterDoneLeavesTheWholeStreamAlone() {
        flaky1.setChaos(null);
        for (boolean includeUsage : new boolean[] {false, true}) {
            // all nine events of the fake's chat stream ([DONE] included), then a reset instead of the last chunk
            flaky1.enqueue(new FakeUpstream.Fault.ResetAfterEvents(9));
            HttpResponse<String> r = gw.postWithKey("/v1/chat/completions", "{\"model\":\"flaky1/upstream-model\",\"stream\":true"
                    + (includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "")
                    + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).endsWith("data: [DONE]\n\n").doesNotContain("\"error\"");
        }
    }

    /** Runs {@link #CLIENTS} clients until {@code time} has passed, each sending one request at a time. */
    private void run(Duration time, Tally tally, int phase) throws Exception {
        long deadline = System.nanoTime() + time.toNanos();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CLIENTS; i++) {
                SplittableRandom random = new SplittableRandom(SEED * 31 + phase * 1000L + i);
                int client = i;
                clients.submit(() -> {
                    int n = 0;
                    while (System.nanoTime() < deadline) {
                        oneRequest(random, "client " + client + " #" + n++, tally);
                    }
                });
            }
        }
    }

    private void oneRequest(SplittableRandom random, String label, Tally tally) {
        boolean stream = random.nextBoolean();
        boolean includeUsage = stream && random.nextBoolean();
        String body = "{\"model\":\"chaos\",\"messages\":[{\"role\":\"user\",\"content\":\"" + label + "\"}]"
                + (stream ? ",\"stream\":true" : "")
                + (includeUsage ? ",\"stream_options\":{\"include_usage\":true}" : "") + "}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(gw.baseUrl() + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(15))
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + GatewayTest.KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            tally.noAnswer.increment();
            tally.fail(label + " (stream=" + stream + "): no answer: " + e);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        if (response.statusCode() != 200) {
            tally.failed.increment();
            tally.fail(label + " (stream=" + stream + "): " + response.statusCode() + " " + abbreviate(response.body()));
            return;
        }
        if (stream) {
            checkStream(label, response, includeUsage, tally);
        } else {
            checkWhole(label, response, tally);
        }
    }

    private void checkWhole(String label, HttpResponse<String> response, Tally tally) {
        JsonNode root;
        try {
            root = STRICT.readTree(response.body());
        } catch (Exception e) {
            tally.violation(label + ": not exactly one JSON document: " + abbreviate(response.body()));
            return;
        }
        String id = root.path("id").asText(null);
        FakeUpstream owner = ownerOf(label, id, response, tally);
        if (owner == null) {
            return;
        }
        if (owner.answerState(id) != AnswerState.WHOLE) {
            tally.violation(label + ": got answer " + id + " which its fake did not send whole");
        } else if (!FakeAnswers.TEXT.equals(root.path("choices").path(0).path("message").path("content").asText())
                || root.path("usage").path("total_tokens").asLong() != FakeUpstream.PROMPT_TOKENS + FakeUpstream.COMPLETION_TOKENS) {
            tally.violation(label + ": answer altered: " + abbreviate(response.body()));
        } else if (tally.firstTime(owner, id)) {
            tally.ok.increment();
        }
    }

    private void checkStream(String label, HttpResponse<String> response, boolean includeUsage, Tally tally) {
        String contentType = response.headers().firstValue("content-type").orElse("");
        if (!contentType.startsWith("text/event-stream")) {
            tally.violation(label + ": a 200 stream of type " + contentType + ": " + abbreviate(response.body()));
            return;
        }
        String body = response.body();
        if (!body.endsWith("\n\n")) {
            tally.violation(label + ": stream cut inside an event: " + abbreviate(body));
            return;
        }
        String[] events = body.substring(0, body.length() - 2).split("\n\n", -1);
        List<String> ids = new ArrayList<>(1);
        StringBuilder content = new StringBuilder();
        int done = 0, errors = 0, stops = 0, usages = 0;
        JsonNode error = null;
        for (int i = 0; i < events.length; i++) {
            String event = events[i];
            boolean last = i == events.length - 1;
            if (!event.startsWith("data: ") || event.indexOf('\n') >= 0) {
                tally.violation(label + ": not a single data line: " + abbreviate(event));
                return;
            }
            String data = event.substring("data: ".length());
            if (data.equals("[DONE]")) {
                done++;
                if (!last) {
                    tally.violation(label + ": events after [DONE]: " + abbreviate(body));
                    return;
                }
                continue;
            }
            JsonNode json;
            try {
                json = STRICT.readTree(data);
            } catch (Exception e) {
                tally.violation(label + ": an event that is not one JSON object: " + abbreviate(data));
                return;
            }
            if (json.has("error")) {
                errors++;
                error = json.path("error");
                if (!last) {
                    tally.violation(label + ": events after an error event: " + abbreviate(body));
                    return;
                }
                continue;
            }
            String id = json.path("id").asText("");
            if (!ids.contains(id)) {
                ids.add(id);
            }
            JsonNode choice = json.path("choices").path(0);
            content.append(choice.path("delta").path("content").asText(""));
            stops += "stop".equals(choice.path("finish_reason").asText()) ? 1 : 0;
            usages += json.path("usage").isObject() ? 1 : 0;
        }
        if (ids.size() != 1) {
            tally.violation(label + ": a stream carrying " + ids.size() + " answer ids " + ids + ": " + abbreviate(body));
            return;
        }
        String id = ids.get(0);
        FakeUpstream owner = ownerOf(label, id, response, tally);
        if (owner == null) {
            return;
        }
        AnswerState state = owner.answerState(id);
        if (done == 1 && errors == 0) {
            if (state != AnswerState.WHOLE) {
                tally.violation(label + ": a complete stream of answer " + id + " which its fake cut (" + state + ")");
            } else if (!FakeAnswers.TEXT.contentEquals(content) || stops != 1 || usages != (includeUsage ? 1 : 0)) {
                tally.violation(label + ": stream altered (usage chunks " + usages + "): " + abbreviate(body));
            } else if (tally.firstTime(owner, id)) {
                tally.ok.increment();
            }
        } else if (errors == 1 && done == 0) {
            if (state != AnswerState.BROKEN) {
                tally.violation(label + ": an error event ends answer " + id + " which its fake sent whole: " + abbreviate(body));
            } else if (error.path("message").asText("").isEmpty() || error.path("type").asText("").isEmpty()
                    || !FakeAnswers.TEXT.startsWith(content.toString()) || stops != 0) {
                tally.violation(label + ": malformed error event or altered prefix: " + abbreviate(body));
            } else if (tally.firstTime(owner, id)) {
                tally.midStream.increment();
            }
        } else {
            tally.violation(label + ": stream ends with " + done + " [DONE] and " + errors + " error events: " + abbreviate(body));
        }
    }

    /** The fake that produced {@code id}, checked against the provider the gateway names. */
    private FakeUpstream ownerOf(String label, String id, HttpResponse<String> response, Tally tally) {
        FakeUpstream owner = null;
        for (FakeUpstream f : fakes.values()) {
            if (id != null && id.startsWith(f.idPrefix())) {
                owner = f;
            }
        }
        String provider = response.headers().firstValue("x-switchboard-provider").orElse(null);
        if (owner == null || owner != fakes.get(provider)) {
            tally.violation(label + ": answer id " + id + " from provider " + provider + ": " + abbreviate(response.body()));
            return null;
        }
        return owner;
    }

    private static String abbreviate(String s) {
        return s.length() <= 600 ? s : s.substring(0, 600) + "…";
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Outcomes of every request, from all clients. */
    static final class Tally {
        static final int KEEP = 20;
        final LongAdder ok = new LongAdder();
        final LongAdder midStream = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder noAnswer = new LongAdder();
        final AtomicInteger violationCount = new AtomicInteger();
        final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicInteger failureCount = new AtomicInteger();
        /** Answer numbers already delivered, per fake: compact, so the heap check is not disturbed. */
        private final Map<FakeUpstream, BitSet> delivered = new java.util.concurrent.ConcurrentHashMap<>();

        long requests() {
            return ok.sum() + midStream.sum() + failed.sum() + noAnswer.sum() + violationCount.get();
        }

        void fail(String what) {
            if (failureCount.incrementAndGet() <= KEEP) {
                failures.add(what);
            }
        }

        void violation(String what) {
            if (violationCount.incrementAndGet() <= KEEP) {
                violations.add(what);
            }
        }

        /** Records that {@code id} reached a client; a second delivery of the same answer is a violation. */
        boolean firstTime(FakeUpstream owner, String id) {
            int n = Integer.parseInt(id.substring(owner.idPrefix().length()));
            BitSet set = delivered.computeIfAbsent(owner, k -> new BitSet());
            boolean seen;
            synchronized (set) {
                seen = set.get(n);
                set.set(n);
            }
            if (seen) {
                violation("answer " + id + " reached two clients");
            }
            return !seen;
        }
    }
}
