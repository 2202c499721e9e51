package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.FakeUpstream.Fault;
import dev.switchboard.testkit.GatewayTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Beyond a concurrency limit the answer is a fast 503 with Retry-After, never a queue. */
class OverloadTest {
    /**
     * How long the first call holds its slot. The second call must arrive while it does: on a loaded
     * machine that can take more than a second, so the hold is long, not tuned to a quiet one.
     */
    static final Duration HOLD = Duration.ofSeconds(5);
    static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private static String config(String limits, String providerLimit) {
        return """
                server:
                  limits: { %s }
                providers:
                  fake:
                    base_url: ${FAKE_URL}
                    keys: ["sk-upstream-aaaaaaaaaaaa"]
                    allow_private: true
                    %s
                  demo: { kind: mock }
                models:
                  fake-model: [fake/m]
                  ha: [fake/m, demo/echo-1]
                keys:
                  - name: test
                    key: %s
                """.formatted(limits, providerLimit, GatewayTest.KEY);
    }

    @Test
    void providerLimitRefusesFastOrFailsOver() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start();
                GatewayTest gw = GatewayTest.start(config("max_body: 1MiB", "max_concurrent: 1"), Map.of("FAKE_URL", fake.baseUrl()))) {
            fake.enqueue(new Fault.SlowHeaders(HOLD));
            CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(
                    () -> gw.postWithKey("/v1/chat/completions", CHAT.formatted("fake-model")));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !fake.requests().isEmpty());
            long start = System.nanoTime();
            HttpResponse<String> refused = gw.postWithKey("/v1/chat/completions", CHAT.formatted("fake-model"));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("retry-after")).hasValue("1");
            assertThat(refused.body()).contains("provider_overloaded");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused at once, not when the slot frees")
                    .isLessThan(HOLD.dividedBy(2));
            // an alias with a fallback goes on to it instead
            HttpResponse<String> failedOver = gw.postWithKey("/v1/chat/completions", CHAT.formatted("ha"));
            assertThat(failedOver.headers().firstValue("x-switchboard-provider")).hasValue("demo");
            assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            // the slot is given back: the provider takes calls again
            assertThat(gw.postWithKey("/v1/chat/completions", CHAT.formatted("fake-model")).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void instanceLimitRefusesFast() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start();
                GatewayTest gw = GatewayTest.start(config("max_concurrent: 1", ""), Map.of("FAKE_URL", fake.baseUrl()))) {
            fake.enqueue(new Fault.SlowHeaders(HOLD));
            CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(
                    () -> gw.postWithKey("/v1/chat/completions", CHAT.formatted("fake-model")));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !fake.requests().isEmpty());
            HttpResponse<String> refused = gw.postWithKey("/v1/chat/completions", CHAT.formatted("ha"));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("retry-after")).hasValue("1");
            assertThat(refused.body()).contains("\"code\":\"overloaded\"");
            assertThat(slow.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(gw.postWithKey("/v1/chat/completions", CHAT.formatted("ha")).statusCode()).isEqualTo(200);
        }
    }
}
