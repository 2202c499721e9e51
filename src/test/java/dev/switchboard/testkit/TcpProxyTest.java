package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outage tests trust {@link TcpProxy#cut()} to be a hard line: after it returns nothing a client
 * sends reaches the target, whether its connection was established, half set up, or new.
 */
class TcpProxyTest {
    /** Everything the target received, one entry per read. */
    private final ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
    private ServerSocket target;

    @BeforeEach
    void startTarget() throws IOException {
        target = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!target.isClosed()) {
                try {
                    Socket s = target.accept();
                    Thread reader = new Thread(() -> readAll(s));
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private void readAll(Socket s) {
        byte[] buf = new byte[1024];
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                String text = new String(buf, 0, n, StandardCharsets.US_ASCII);
                received.add(text);
                if (!text.replace(".", "").isEmpty()) {
                    out.write('k'); // an acknowledgement of anything but a racing client's handshake dots
                }
            }
        } catch (IOException reset) {
            // the proxy cut us off
        }
    }

    @AfterEach
    void stopTarget() throws IOException {
        target.close();
    }

    @Test
    void anEstablishedConnectionForwardsNothingAfterTheCutAndRestoreKeepsThePort() throws Exception {
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", target.getLocalPort());
                Socket established = connect(proxy)) {
            String before = proxy.hostPort();
            exchange(established, "before");
            proxy.cut();
            sendQuietly(established, "after-cut");
            assertThat(readQuietly(established)).as("the established connection is reset").isLessThan(0);
            try (Socket fresh = connect(proxy)) {
                sendQuietly(fresh, "new-during-cut");
                assertThat(readQuietly(fresh)).as("a connection during the cut is reset").isLessThan(0);
            } catch (java.net.SocketException resetBeforeConnectReturned) {
                // as good: the reset can beat the connect's own completion on loopback
            }

            proxy.restore();
            assertThat(proxy.hostPort()).isEqualTo(before);
            try (Socket again = connect(proxy)) {
                exchange(again, "restored");
            }
            assertThat(received).containsExactly("before", "restored");
        }
    }

    /**
     * Connections raced against the cut, the cut landing a little later each round so that it sweeps
     * the connection's set-up: each connection either got through before the cut (and is then cut off)
     * or is reset; none forwards afterwards. The first proxy let a connection accepted just before the
     * cut, but registered after it, keep forwarding.
     */
    @Test
    void noConnectionRacingTheCutForwardsAfterIt() throws Exception {
        for (int round = 0; round < 100; round++) {
            try (TcpProxy proxy = new TcpProxy("127.0.0.1", target.getLocalPort())) {
                CountDownLatch go = new CountDownLatch(1);
                CompletableFuture<Socket> racing = CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                        Socket s = connect(proxy);
                        s.getOutputStream().write('.'); // like a database handshake: may get through
                        return s;
                    } catch (IOException | InterruptedException e) {
                        return null;
                    }
                });
                go.countDown();
                spinMicros(round * 5L);
                proxy.cut();
                try (Socket s = racing.get(10, TimeUnit.SECONDS)) {
                    if (s != null) {
                        sendQuietly(s, "after-cut-" + round);
                        assertThat(readQuietly(s)).as("round %d: an answer after the cut", round).isNotEqualTo('k');
                    }
                }
            }
        }
        assertThat(received).noneMatch(text -> text.contains("after-cut"));
    }

    private static void spinMicros(long micros) {
        long until = System.nanoTime() + micros * 1000;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /** The next byte, or -1 at the end of the stream or a reset. */
    private static int readQuietly(Socket s) {
        try {
            return s.getInputStream().read();
        } catch (IOException reset) {
            return -1;
        }
    }

    private static Socket connect(TcpProxy proxy) throws IOException {
        String[] hostPort = proxy.hostPort().split(":");
        Socket s = new Socket();
        s.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 2000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Sends and waits for the target's acknowledgement. */
    private static void exchange(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        assertThat(s.getInputStream().read()).isEqualTo('k');
    }

    private static void sendQuietly(Socket s, String text) {
        try {
            s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        } catch (IOException reset) {
            // expected once the proxy has cut the connection
        }
    }
}
