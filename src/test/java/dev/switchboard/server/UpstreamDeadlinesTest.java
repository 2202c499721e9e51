package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.Timeouts;
import dev.switchboard.provider.UpstreamFailure;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The deadlines on a real Vert.x timer: each fires for its own window, not for another's. */
class UpstreamDeadlinesTest {
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    /** Started and fed on the event loop, as the transport does. */
    private CompletableFuture<UpstreamFailure> call(Timeouts timeouts, boolean headers) {
        CompletableFuture<UpstreamFailure> expired = new CompletableFuture<>();
        vertx.runOnContext(v -> {
            UpstreamDeadlines d = new UpstreamDeadlines(vertx, timeouts, System::nanoTime, expired::complete);
            if (headers) {
                d.headers();
            }
        });
        return expired;
    }

    @Test
    void aStallAfterTheHeadersIsCaughtAtTheIdleWindowEvenWhenTheFirstByteWindowIsLonger() throws Exception {
        // a slow-to-start model: a minute to the first byte, but a stream that goes quiet for 300 ms is dead
        Timeouts t = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMillis(300),
                Duration.ofMinutes(30));
        UpstreamFailure f = call(t, true).get(20, TimeUnit.SECONDS); // not the 60 s first-byte window
        assertThat(f.kind()).isEqualTo(UpstreamFailure.Kind.IDLE_TIMEOUT);
    }

    @Test
    void withoutHeadersTheFirstByteWindowHolds() throws Exception {
        Timeouts t = new Timeouts(Duration.ofSeconds(5), Duration.ofMillis(300), Duration.ofSeconds(60),
                Duration.ofMinutes(30));
        UpstreamFailure f = call(t, false).get(20, TimeUnit.SECONDS);
        assertThat(f.kind()).isEqualTo(UpstreamFailure.Kind.FIRST_BYTE_TIMEOUT);
    }
}
