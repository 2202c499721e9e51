package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.GatewayTest;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulShutdownTest {
    @Test
    void inFlightRequestFinishesAndNewConnectionsAreRefused() throws Exception {
        try (FakeUpstream fake = FakeUpstream.start()) {
            GatewayTest gw = GatewayTest.withFake(fake);
            fake.enqueue(new FakeUpstream.Fault.SlowHeaders(Duration.ofMillis(700)));
            CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() -> gw.postWithKey(
                    "/v1/chat/completions", "{\"model\":\"fake-model\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !fake.requests().isEmpty());
            int port = gw.port();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> gw.gateway().stop(Duration.ofSeconds(10)));
            HttpResponse<String> r = inFlight.get(10, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("Hello from the fake upstream");
            stopping.get(15, TimeUnit.SECONDS);
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        }
    }
}
