package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.FakeUpstream.Fault;
import dev.switchboard.testkit.GatewayTest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A model route's own {@code resilience:} settings, over its provider's, for calls made through that route. */
class RouteResilienceEndToEndTest {
    static final String ADMIN_KEY = "admin-0123456789abcdef0123";

    final FakeUpstream fake = FakeUpstream.start();
    GatewayTest gw;

    @BeforeEach
    void up() {
        gw = GatewayTest.withFake(fake, """
                server: { admin_key: "%s" }
                providers:
                  fake:
                    base_url: ${FAKE_URL}
                    keys: [sk-upstream-aaaaaaaaaaaa]
                    allow_private: true
                    timeouts: { connect: 5s, first_byte: 30s, idle: 30s, total: 60s }  # no test here is about a timeout
                    resilience:
                      retry: { max_attempts: 1 }           # the provider never retries in place …
                  demo: { kind: mock }
                models:
                  plain: [fake/upstream-model]
                  patient:                                 # … but this route does
                    targets: [fake/upstream-model]
                    resilience: { retry: { max_attempts: 3, backoff: 10ms, backoff_max: 20ms } }
                  strict:                                  # gives up on fake after 2 failures, not 5
                    targets: [fake/upstream-model, demo/echo-1]
                    resilience: { breaker: { consecutive_failures: 2, open: 1m } }
                  ha: [fake/upstream-model, demo/echo-1]
                """.formatted(ADMIN_KEY));
    }

    @AfterEach
    void down() {
        gw.close();
        fake.close();
    }

    private HttpResponse<String> chat(String model) {
        return gw.chat(model);
    }

    private static String provider(HttpResponse<String> r) {
        return r.headers().firstValue("x-switchboard-provider").orElse(null);
    }

    @Test
    void theRoutesRetrySettingsApplyOverTheProviders() {
        fake.enqueue(new Fault.Status(503, null, null));
        HttpResponse<String> viaProvider = chat("plain");
        assertThat(viaProvider.statusCode()).isEqualTo(503); // the provider's max_attempts: 1
        assertThat(fake.requests()).hasSize(1);

        fake.enqueue(new Fault.Status(503, null, null));
        fake.enqueue(new Fault.Status(503, null, null));
        HttpResponse<String> viaRoute = chat("patient");
        assertThat(viaRoute.statusCode()).isEqualTo(200); // the route's max_attempts: 3
        assertThat(viaRoute.body()).contains("Hello from the fake upstream");
        assertThat(fake.requests()).hasSize(4);
    }

    @Test
    void theRoutesBreakerSettingsJudgeItsOwnCallsOnly() {
        for (int i = 0; i < 2; i++) {
            fake.enqueue(new Fault.Status(503, null, null));
            HttpResponse<String> r = chat("strict");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(provider(r)).isEqualTo("demo"); // failed over
        }
        assertThat(fake.requests()).hasSize(2);

        // two failures in a row opened the route's own breaker: fake is not even tried through "strict" …
        HttpResponse<String> skipped = chat("strict");
        assertThat(provider(skipped)).isEqualTo("demo");
        assertThat(fake.requests()).hasSize(2);
        // … while the deployment's shared breaker (default: 5 in a row) still lets other routes through
        assertThat(provider(chat("ha"))).isEqualTo("fake");
        assertThat(provider(chat("plain"))).isEqualTo("fake");
        assertThat(fake.requests()).hasSize(4);

        String status = gw.get("/admin/v1/status", "authorization", "Bearer " + ADMIN_KEY).body();
        assertThat(status)
                .contains("\"deployment\":\"fake/upstream-model via strict\",\"state\":\"open\"")
                .contains("\"deployment\":\"fake/upstream-model\",\"state\":\"closed\"");
        assertThat(gw.get("/metrics").body()).contains(
                "switchboard_circuit_transitions_total{deployment=\"fake/upstream-model via strict\",to=\"open\"} 1.0");
    }

    @Test
    void failuresThroughOtherRoutesDoNotCountAgainstTheRoutesOwnBreaker() {
        for (int i = 0; i < 3; i++) {
            fake.enqueue(new Fault.Status(503, null, null));
            assertThat(provider(chat("ha"))).isEqualTo("demo");
        }
        // three failures on the shared breaker; the strict route's own has seen none
        assertThat(provider(chat("strict"))).isEqualTo("fake");
        assertThat(fake.requests()).hasSize(4);
    }
}
