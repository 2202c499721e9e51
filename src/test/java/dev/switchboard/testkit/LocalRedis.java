package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The Redis on 127.0.0.1:6379 that gateway tests configure with {@code redis:}; they skip when it is absent. */
public final class LocalRedis {
    public static final String URL = "redis://127.0.0.1:6379";

    private LocalRedis() {}

    public static void assumeRunning() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 6379), 300);
        } catch (IOException e) {
            assumeTrue(false, "Redis is not running on 127.0.0.1:6379; skipping the multi-instance tests ("
                    + e.getMessage() + ")");
        }
    }
}
