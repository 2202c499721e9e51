package dev.switchboard.testkit;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.server.Gateway;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.switchboard.store.UsageRow;

/**
 * Starts the real gateway on a free loopback port with a YAML config, for end-to-end tests. The
 * config text may use {@code ${FAKE_URL}} for a {@link FakeUpstream}'s base URL.
 */
public final class GatewayTest implements AutoCloseable {
    public static final String KEY = "sk-test-0123456789abcdef";
    public static final String NARROW_KEY = "sk-narrow-0123456789abcdef";

    private final Gateway gateway;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayTest(Gateway gateway, Path dataDir) {
        this.gateway = gateway;
        this.dataDir = dataDir;
    }

    public static GatewayTest start(String yaml, Map<String, String> env) {
        return start(yaml, env, false);
    }

    public static GatewayTest start(String yaml, Map<String, String> env, boolean devMode) {
        return start(yaml, env, devMode, true);
    }

    /** @param accessLog false for long runs, whose access log would only fill the test output */
    public static GatewayTest start(String yaml, Map<String, String> env, boolean devMode, boolean accessLog) {
        try {
            GatewayConfig config = ConfigLoader.parse(yaml, "test.yaml", env);
            // each gateway its own data: a config without store: would otherwise share ./data with the others
            Path data = Files.createTempDirectory("switchboard-test-");
            String store = yaml.contains("\nstore:") ? null : "sqlite:" + data.resolve("switchboard.db");
            return new GatewayTest(Gateway.start(config,
                    new Gateway.Options("127.0.0.1:0", devMode, Clock.systemUTC(), 1, accessLog).withData(data, store)
                            .withEnv(env)),
                    data);
        } catch (Exception e) {
            throw new IllegalStateException("gateway did not start: " + e.getMessage(), e);
        }
    }

    /** A gateway in front of one fake upstream: alias {@code fake-model} and a narrow key. */
    public static GatewayTest withFake(FakeUpstream fake) {
        return withFake(fake, UpstreamTimeouts.RELAXED);
    }

    /** {@link #withFake(FakeUpstream)} with other timeouts toward the fake, for a test about one of them. */
    public static GatewayTest withFake(FakeUpstream fake, UpstreamTimeouts timeouts) {
        return start(standardConfig(timeouts), Map.of("FAKE_URL", fake.baseUrl()));
    }

    /**
     * A gateway with {@code yaml} (which may use {@code ${FAKE_URL}}) and, appended, the standard virtual key
     * {@link #KEY} as the only entry of {@code keys:}.
     */
    public static GatewayTest withFake(FakeUpstream fake, String yaml) {
        return start(yaml + "keys: [{ name: test, key: " + KEY + " }]\n", Map.of("FAKE_URL", fake.baseUrl()));
    }

    public static String standardConfig() {
        return standardConfig(UpstreamTimeouts.RELAXED);
    }

    public static String standardConfig(UpstreamTimeouts timeouts) {
        return """
                server:
                  listen: 127.0.0.1:0
                providers:
                  fake:
                    format: openai
                    base_url: ${FAKE_URL}
                    keys: ["sk-upstream-aaaaaaaaaaaa", "sk-upstream-bbbbbbbbbbbb"]
                    allow_private: true
                    timeouts: %s
                  demo:
                    kind: mock
                    models: [echo-1]
                models:
                  fake-model:
                    targets: [fake/upstream-model]
                  echo:
                    targets: [demo/echo-1]
                keys:
                  - name: test
                    key: %s
                  - name: narrow
                    key: %s
                    models: [echo]
                """.formatted(timeouts.yaml(), KEY, NARROW_KEY);
    }

    public Gateway gateway() {
        return gateway;
    }

    /** This instance's own data directory (its usage spool lives there). */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * The stored usage row of the request sent with {@code X-Request-ID: clientRequestId}, once the writer has
     * flushed what it holds; empty when there is none. The client's id is not the record's key (the gateway
     * makes its own), so a test that sent the same id twice asks {@link #usages} instead.
     */
    public Optional<UsageRow> usage(String clientRequestId) {
        List<UsageRow> rows = usages(clientRequestId);
        if (rows.size() > 1) {
            throw new IllegalStateException(rows.size() + " records carry client request id " + clientRequestId);
        }
        return rows.stream().findFirst();
    }

    /** Every stored usage row of a request sent with {@code X-Request-ID: clientRequestId}, oldest first. */
    public List<UsageRow> usages(String clientRequestId) {
        gateway.backends().usage().flush();
        return gateway.backends().store().usage().findByClientRequestId(clientRequestId);
    }

    public int port() {
        return gateway.port();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public String openAiBaseUrl() {
        return baseUrl() + "/v1";
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    public HttpResponse<String> postWithKey(String path, String body) {
        return post(path, body, "authorization", "Bearer " + KEY);
    }

    /** A one-message chat completion for {@code model}, with the standard key. */
    public HttpResponse<String> chat(String model) {
        return postWithKey("/v1/chat/completions",
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    public HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(20)).GET();
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        gateway.stop(Duration.ofSeconds(1));
    }
}
