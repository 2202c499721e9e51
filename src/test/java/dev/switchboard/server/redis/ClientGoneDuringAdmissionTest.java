package dev.switchboard.server.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.GatewayTest;
import io.vertx.core.Vertx;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A client that leaves while its admission waits on Redis: once admitted, its call must see it gone, not
 * call the provider (a stream would run, and be paid for, to its end), end with a client-closed record and
 * give its instance slot back.
 */
@Tag("redis")
class ClientGoneDuringAdmissionTest {
    private static final String BODY = "{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void itsCallEndsWithoutCallingTheProvider() throws Exception {
        LocalRedis.assumeRunning();
        Vertx vertx = Vertx.vertx();
        try (StallingProxy redis = new StallingProxy(vertx); FakeUpstream fake = FakeUpstream.start();
                GatewayTest gw = GatewayTest.start("""
                        server:
                          limits: { max_concurrent: 1 }
                        redis: ${REDIS_URL}
                        providers:
                          fake: { base_url: "${FAKE_URL}", keys: ["sk-upstream-aaaaaaaaaaaa"], allow_private: true }
                        models:
                          fake-model: [fake/m]
                        keys:
                          - name: test
                            key: %s
                            limits: { rpm: 1000 }
                        """.formatted(GatewayTest.KEY), Map.of("FAKE_URL", fake.baseUrl(), "REDIS_URL", redis.url()))) {
            redis.stall(); // admissions wait for Redis until the gateway gives up on it (a second)
            try (Socket client = new Socket("127.0.0.1", gw.port())) {
                OutputStream out = client.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: gw\r\nContent-Type: application/json\r\n"
                        + "Authorization: Bearer " + GatewayTest.KEY + "\r\nX-Request-ID: gone-early\r\n"
                        + "Content-Length: " + BODY.length() + "\r\n\r\n" + BODY).getBytes(StandardCharsets.UTF_8));
                out.flush();
            } // gone before the admission is decided

            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(gw.usage("gone-early")).as("the call's record").hasValueSatisfying(
                            row -> assertThat(row.status()).isEqualTo(499)));
            assertThat(fake.requests()).as("calls to the provider").isEmpty();
            assertThat(gw.postWithKey("/v1/chat/completions", BODY).statusCode())
                    .as("the one instance slot is free again").isEqualTo(200);
        } finally {
            vertx.close().await();
        }
    }
}
