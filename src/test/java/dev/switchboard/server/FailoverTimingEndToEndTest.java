package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.store.UsageRow;
import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.FakeUpstream.Fault;
import dev.switchboard.testkit.GatewayTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The timing of a request that failed over: the upstream response time (the {@code x-upstream-response-time}
 * header, from the same moment as the record's {@code upstream_ms}) is the current attempt's own, never an
 * earlier attempt's header time measured from a later attempt's start, which came out negative. The first
 * target's error body comes {@value #FIRST_BODY_MILLIS} ms after its headers, so a carried-over header time
 * would be that far before the second attempt's start: far beyond rounding to whole milliseconds.
 */
class FailoverTimingEndToEndTest {
    static final long FIRST_BODY_MILLIS = 300;
    static final String CHAT = "{\"model\":\"failover\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    static FakeUpstream fake;
    static GatewayTest gw;

    @BeforeAll
    static void up() {
        fake = FakeUpstream.start();
        gw = GatewayTest.withFake(fake, """
                server:
                  listen: 127.0.0.1:0
                defaults:
                  timeouts: { connect: 5s, first_byte: 30s, idle: 30s, total: 60s }  # no test here is about a timeout
                providers:
                  fake: { format: openai, base_url: "${FAKE_URL}", keys: ["sk-upstream-aaaaaaaaaaaa"], allow_private: true }
                  backup:
                    format: openai
                    base_url: "${FAKE_URL}"
                    keys: ["sk-upstream-bbbbbbbbbbbb"]
                    allow_private: true
                    resilience: { retry: { max_attempts: 1 } }  # the last target is not tried again in place
                models:
                  failover: { targets: [fake/model-a, backup/model-b], strategy: failover }
                """);
    }

    @AfterAll
    static void down() {
        gw.close();
        fake.close();
    }

    @Test
    void aSecondAttemptThatFailsBeforeItsHeadersHasNoUpstreamTime() {
        fake.enqueue(new Fault.StatusWithSlowBody(500, Duration.ofMillis(FIRST_BODY_MILLIS)));
        fake.enqueue(new Fault.ResetBeforeHeaders());
        String id = newId();
        HttpResponse<String> r = post(id);

        assertThat(r.statusCode()).as(r.body()).isGreaterThanOrEqualTo(500);
        assertThat(r.headers().firstValue("x-switchboard-provider")).contains("backup");
        assertThat(r.headers().firstValue("x-upstream-response-time"))
                .as("the answering attempt got no headers, so there is no upstream time; an earlier attempt's "
                        + "header time measured from this attempt's start is about -%d ms", FIRST_BODY_MILLIS)
                .isEmpty();
        UsageRow row = consistentRow(id);
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(row.latencyMs()).as("the first target's slow error body is part of the request")
                .isGreaterThanOrEqualTo(FIRST_BODY_MILLIS);
    }

    @Test
    void theAnsweringAttemptsUpstreamTimeIsItsOwn() {
        long secondHeadersMillis = 200;
        fake.enqueue(new Fault.StatusWithSlowBody(500, Duration.ofMillis(FIRST_BODY_MILLIS)));
        fake.enqueue(new Fault.SlowHeaders(Duration.ofMillis(secondHeadersMillis)));
        String id = newId();
        HttpResponse<String> r = post(id);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-switchboard-provider")).contains("backup");
        long upstream = Long.parseLong(r.headers().firstValue("x-upstream-response-time").orElseThrow());
        UsageRow row = consistentRow(id);
        assertThat(row.attempts()).isEqualTo(2);
        assertThat(upstream).as("the second attempt's own wait for its headers").isGreaterThanOrEqualTo(secondHeadersMillis);
        assertThat(upstream + FIRST_BODY_MILLIS).as("upstream %d ms + the first attempt's %d ms within latency %d ms",
                upstream, FIRST_BODY_MILLIS, row.latencyMs()).isLessThanOrEqualTo(row.latencyMs());
    }

    /** The request's usage row, once written, with its times never negative and in order. */
    private static UsageRow consistentRow(String id) {
        UsageRow row = await().atMost(Duration.ofSeconds(15)).until(() -> gw.usage(id), Optional::isPresent).orElseThrow();
        assertThat(row.latencyMs()).isNotNull().isNotNegative();
        assertThat(row.ttfbMs()).as("the error answer went to the client").isNotNull().isNotNegative()
                .isLessThanOrEqualTo(row.latencyMs());
        return row;
    }

    private static HttpResponse<String> post(String requestId) {
        return gw.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + GatewayTest.KEY,
                "x-request-id", requestId);
    }

    private static String newId() {
        return "req-" + UUID.randomUUID();
    }
}
