package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.GatewayTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Backpressure and cancellation of streams, observed from both ends over real sockets. */
class StreamFlowTest {
    static final long STREAM_BYTES = 32L << 20;
    FakeUpstream fake;
    GatewayTest gw;

    @BeforeEach
    void up() {
        fake = FakeUpstream.start();
        gw = GatewayTest.withFake(fake);
    }

    @AfterEach
    void down() {
        gw.close();
        fake.close();
    }

    private Socket openStream() throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(256 * 1024);
        s.connect(new InetSocketAddress("127.0.0.1", gw.port()));
        s.setSoTimeout(10_000);
        String body = "{\"model\":\"fake-model\",\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"long\"}]}";
        OutputStream out = s.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + GatewayTest.KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return s;
    }

    @Test
    void slowClientPausesTheUpstreamAndThenGetsEverything() throws Exception {
        fake.enqueue(new FakeUpstream.Fault.LongStream(STREAM_BYTES));
        long heapBefore = liveHeap();
        try (Socket s = openStream()) {
            InputStream in = s.getInputStream();
            byte[] buf = new byte[8192];
            assertThat(in.read(buf)).isPositive();
            // the client stops reading: the upstream must stop being read too, long before the end
            AtomicLong last = new AtomicLong(-1);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
                long now = fake.streamedBytes();
                return now > 0 && now == last.getAndSet(now);
            });
            long plateau = fake.streamedBytes();
            assertThat(plateau).as("bytes produced while the client was not reading").isLessThan(STREAM_BYTES / 2);
            // what is in flight sits in socket buffers, not on the heap: live heap grows by a few buffers
            assertThat(liveHeap() - heapBefore).as("live heap growth with a stalled stream").isLessThan(8L << 20);
            // now read everything: the stream resumes and completes
            long total = 0;
            int n;
            String tail = "";
            while ((n = in.read(buf)) > 0) {
                total += n;
                tail = tail + new String(buf, Math.max(0, n - 64), Math.min(64, n), StandardCharsets.US_ASCII);
                tail = tail.substring(Math.max(0, tail.length() - 128)); // a marker may straddle two reads
                if (tail.contains("[DONE]") || tail.contains("\"error\"")) {
                    break;
                }
            }
            assertThat(tail).as("the stream ends normally").contains("[DONE]");
            assertThat(total).isGreaterThan(STREAM_BYTES - plateau);
            assertThat(fake.streamedBytes()).isGreaterThanOrEqualTo(STREAM_BYTES);
        }
    }

    @Test
    void clientDisconnectClosesTheUpstreamConnection() throws Exception {
        fake.enqueue(new FakeUpstream.Fault.LongStream(STREAM_BYTES));
        int closedBefore = fake.closedConnections();
        Socket s = openStream();
        assertThat(s.getInputStream().read(new byte[4096])).isPositive();
        s.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.closedConnections() > closedBefore);
        long stoppedAt = fake.streamedBytes();
        assertThat(stoppedAt).isLessThan(STREAM_BYTES);
        // the close is seen by the fake's own event loop, which may still be counting it
        await().atMost(Duration.ofSeconds(5)).until(() -> fake.openConnections() == 0);
    }

    private static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
