package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.cli.Main;
import dev.switchboard.store.Store;
import dev.switchboard.store.UsageFilter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a real gateway process under load: the gateway runs in a child JVM ({@code switchboard
 * run}, embedded store, default settings), the test sends requests from several threads and remembers every
 * one that got a complete answer, kills the process, starts it again on the same data directory, and finds
 * a record for each of those requests. This holds because each record is appended to the spool file
 * (the kernel's page cache, which outlives the process) before the bytes that complete its answer are sent.
 */
class GatewayCrashTest {
    static final String KEY = "sk-crash-0123456789abcdef";
    static final int CLIENTS = 4;

    @TempDir
    Path dir;

    @Test
    void afterKill9AndRestartEveryAnsweredRequestHasItsRecord() throws Exception {
        Path config = dir.resolve("switchboard.yaml");
        Files.writeString(config, """
                server:
                  listen: 127.0.0.1:0
                providers:
                  demo: { kind: mock, models: [echo-1] }
                keys: [{ name: crash, key: %s }]
                """.formatted(KEY));
        int port = freePort();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        Process gateway = start(config, port);
        Set<String> answered = ConcurrentHashMap.newKeySet();
        try {
            awaitHealthy(http, port);
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> load = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                load.add(pool.submit(() -> {
                    while (running.get()) {
                        String id = "crash-" + UUID.randomUUID();
                        try {
                            HttpResponse<String> r = http.send(chat(port, id), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 200 && r.body().contains("\"choices\"")) {
                                answered.add(id); // a complete answer: the whole body arrived
                            }
                        } catch (IOException e) {
                            return null; // the gateway is gone
                        }
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> answered.size() >= 500);
            gateway.destroyForcibly(); // SIGKILL, under load: no shutdown hook, no flush
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
            running.set(false);
            for (Future<?> f : load) {
                f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
        } finally {
            gateway.destroyForcibly();
        }

        Process restarted = start(config, port); // replays the spool it finds
        try {
            awaitHealthy(http, port);
            try (Store store = Store.open("sqlite:" + dir.resolve("data/switchboard.db"))) {
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    for (String id : answered) {
                        assertThat(store.usage().findByClientRequestId(id)).as("the record of answered request " + id)
                                .hasSize(1);
                    }
                });
                long stored = store.usage().totals(UsageFilter.ALL).requests();
                // requests in flight at the kill may have a record too; none has two (the gateway's request id,
                // written to the spool with the record, is the key)
                assertThat(stored).isBetween((long) answered.size(), (long) answered.size() + CLIENTS);
                System.out.println("crash test: " + answered.size() + " answered before kill -9, " + stored
                        + " records after restart");
            }
        } finally {
            restarted.destroy(); // SIGTERM: a clean stop
            if (!restarted.waitFor(30, TimeUnit.SECONDS)) {
                restarted.destroyForcibly();
            }
        }
    }

    private Process start(Path config, int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--config", config.toString(), "--listen", "127.0.0.1:" + port)
                .directory(dir.toFile()) // ./data (store and spool) lands in the temp dir
                .redirectOutput(ProcessBuilder.Redirect.DISCARD) // the access log
                .redirectError(dir.resolve("gateway.log").toFile())
                .start();
    }

    private static HttpRequest chat(int port, String requestId) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                .timeout(Duration.ofSeconds(10))
                .header("authorization", "Bearer " + KEY).header("x-request-id", requestId)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"model\":\"demo/echo-1\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"))
                .build();
    }

    private void awaitHealthy(HttpClient http, int port) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() ->
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
