package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.FakeUpstream.Fault;
import dev.switchboard.testkit.GatewayTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Balancing strategies and session affinity, through the running gateway. */
class BalancingEndToEndTest {
    static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    FakeUpstream fake;
    GatewayTest gw;

    @BeforeEach
    void up() {
        fake = FakeUpstream.start();
        gw = GatewayTest.start("""
                providers:
                  fake:
                    base_url: ${FAKE_URL}
                    keys: ["sk-upstream-aaaaaaaaaaaa"]
                    allow_private: true
                    timeouts: { connect: 5s, first_byte: 30s, idle: 30s, total: 60s }  # no test here is about a timeout
                  demo: { kind: mock }
                models:
                  spread: { targets: [fake/upstream-model, demo/echo-1], strategy: round-robin }
                  loose: { targets: [fake/upstream-model, demo/echo-1], strategy: round-robin, affinity: false }
                  quick: { targets: [fake/upstream-model, demo/echo-1], strategy: least-latency }
                keys:
                  - name: test
                    key: %s
                """.formatted(GatewayTest.KEY), Map.of("FAKE_URL", fake.baseUrl()));
    }

    @AfterEach
    void down() {
        gw.close();
        fake.close();
    }

    private String answeredBy(String path, String body, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "authorization";
        all[1] = "Bearer " + GatewayTest.KEY;
        System.arraycopy(headers, 0, all, 2, headers.length);
        HttpResponse<String> r = gw.post(path, body, all);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.headers().firstValue("x-switchboard-provider").orElseThrow();
    }

    private String provider(String model, String... headers) {
        return answeredBy("/v1/chat/completions", CHAT.formatted(model), headers);
    }

    @Test
    void aSessionStaysOnOneProviderWhileRequestsWithoutOneAlternate() {
        List<String> plain = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            plain.add(provider("spread"));
        }
        assertThat(plain).containsExactly("fake", "demo", "fake", "demo");

        List<String> sessionA = new ArrayList<>();
        List<String> sessionB = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sessionA.add(provider("spread", "x-session-id", "conversation-a"));
            sessionB.add(provider("spread", "x-session-id", "conversation-b"));
        }
        assertThat(sessionA).containsOnly(sessionA.get(0)).hasSize(4);
        assertThat(sessionB).containsOnly(sessionB.get(0)).hasSize(4);
        // the round-robin still spreads sessions: the two conversations landed on different providers
        assertThat(sessionA.get(0)).isNotEqualTo(sessionB.get(0));
        // ... and traffic without a session keeps alternating between them
        String next = provider("spread");
        assertThat(provider("spread")).isNotEqualTo(next);
    }

    @Test
    void theSessionMayComeFromTheBodyTheQueryOrACookie() {
        String body = "{\"model\":\"spread\",\"user\":\"alice\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String plain = CHAT.formatted("spread");
        String byUser = answeredBy("/v1/chat/completions", body);
        String byQuery = answeredBy("/v1/chat/completions?session_id=q-1", plain);
        String byCookie = answeredBy("/v1/chat/completions", plain, "cookie", "theme=dark; session_id=c-1");
        for (int i = 0; i < 3; i++) {
            assertThat(answeredBy("/v1/chat/completions", body)).isEqualTo(byUser);
            assertThat(answeredBy("/v1/chat/completions?session_id=q-1", plain)).isEqualTo(byQuery);
            assertThat(answeredBy("/v1/chat/completions", plain, "cookie", "session_id=c-1")).isEqualTo(byCookie);
        }
    }

    @Test
    void withAffinityOffASessionDoesNotPin() {
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            seen.add(provider("loose", "x-session-id", "s"));
        }
        assertThat(seen).containsExactly("fake", "demo", "fake", "demo");
    }

    @Test
    void aFailingAffineProviderHandsTheSessionToTheOther() {
        String first = provider("spread", "x-session-id", "s"); // round-robin starts at fake
        assertThat(first).isEqualTo("fake");
        fake.enqueue(new Fault.Status(503, null, null));
        assertThat(provider("spread", "x-session-id", "s")).isEqualTo("demo"); // failover answered
        // the session now belongs to the provider that answered it
        for (int i = 0; i < 3; i++) {
            assertThat(provider("spread", "x-session-id", "s")).isEqualTo("demo");
        }
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void leastLatencyLearnsWhichProviderAnswersFirst() {
        fake.enqueue(new Fault.SlowHeaders(Duration.ofMillis(1000))); // far slower than a cold, loaded mock
        // nothing measured: configured order; then the other unmeasured one gets its turn
        assertThat(provider("quick")).isEqualTo("fake");
        assertThat(provider("quick")).isEqualTo("demo");
        // both measured now: the in-process mock answered far sooner than the slowed upstream
        for (int i = 0; i < 3; i++) {
            assertThat(provider("quick")).isEqualTo("demo");
        }
        assertThat(fake.requests()).hasSize(1);
    }
}
