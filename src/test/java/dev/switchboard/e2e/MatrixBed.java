package dev.switchboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.FakeUpstream.Recorded;
import dev.switchboard.testkit.GatewayTest;
import java.util.List;
import java.util.Map;

/**
 * One fake upstream and one real gateway in front of it, shared by every test of one SDK's matrix class:
 * a provider per format ({@code openai}, {@code anthropic}, {@code gemini}, one key each) behind the
 * aliases {@code to-<format>}, and for each format and each of 400, 401 and 429 a provider of its own
 * behind {@code err<status>-<format>} (and {@code err<status>s-<format>} for streams), so a key set aside by a 401 or rested by a 429 belongs to no
 * other test. Retries in place are off ({@code max_attempts: 1}), so an upstream 429 reaches the client
 * instead of being retried.
 */
final class MatrixBed implements AutoCloseable {
    static final List<Integer> ERROR_STATUSES = List.of(400, 401, 429);

    final FakeUpstream fake;
    final GatewayTest gw;

    private MatrixBed(FakeUpstream fake, GatewayTest gw) {
        this.fake = fake;
        this.gw = gw;
    }

    static MatrixBed start() {
        FakeUpstream fake = FakeUpstream.start();
        try {
            return new MatrixBed(fake, GatewayTest.start(config(), Map.of("FAKE_ROOT", fake.rootUrl())));
        } catch (RuntimeException e) {
            fake.close();
            throw e;
        }
    }

    private static String config() {
        StringBuilder providers = new StringBuilder();
        StringBuilder models = new StringBuilder();
        for (Upstream u : Upstream.values()) {
            provider(providers, u.format, u);
            models.append("  ").append(u.model()).append(": { targets: [").append(u.format).append('/')
                    .append(u.upstreamModel).append("] }\n");
            for (int status : ERROR_STATUSES) {
                for (boolean stream : new boolean[] {false, true}) {
                    String name = u.errorModel(status, stream);
                    provider(providers, name, u);
                    models.append("  ").append(name).append(": { targets: [").append(name).append('/')
                            .append(u.upstreamModel).append("] }\n");
                }
            }
        }
        return """
                server:
                  listen: 127.0.0.1:0
                defaults:
                  resilience:
                    retry: { max_attempts: 1 }
                providers:
                %smodels:
                %skeys:
                  - name: test
                    key: %s
                """.formatted(providers, models, GatewayTest.KEY);
    }

    private static void provider(StringBuilder out, String name, Upstream u) {
        String baseUrl = u == Upstream.OPENAI ? "${FAKE_ROOT}/v1" : "${FAKE_ROOT}";
        out.append("  ").append(name).append(": { format: ").append(u.format).append(", base_url: \"").append(baseUrl)
                .append("\", keys: [\"sk-upstream-").append(name).append("-0123456789\"], allow_private: true,")
                .append(" timeouts: { connect: 2s, first_byte: 5s, idle: 5s, total: 30s } }\n");
    }

    /** Every provider format with every scripted error status, whole and streamed: (Upstream, int, boolean). */
    static List<Object[]> errors() {
        List<Object[]> out = new java.util.ArrayList<>();
        for (boolean stream : new boolean[] {false, true}) {
            for (int status : ERROR_STATUSES) {
                for (Upstream u : Upstream.values()) {
                    out.add(new Object[] {u, status, stream});
                }
            }
        }
        return out;
    }

    /** The one request the upstream got since the last {@link FakeUpstream#reset}. */
    Recorded only() {
        List<Recorded> requests = fake.requests();
        if (requests.size() != 1) {
            throw new AssertionError("expected one upstream request, got " + requests.size() + ": " + requests);
        }
        return requests.getFirst();
    }

    /** The upstream got one request, for a stream in its own way: a body flag, or Gemini's SSE method. */
    void assertOneStreamedRequest(Upstream u) {
        if (u == Upstream.GEMINI) {
            assertThat(only().path()).endsWith(":streamGenerateContent?alt=sse");
        } else {
            assertThat(only().json().path("stream").asBoolean()).isTrue();
        }
    }

    /** The latest request the upstream got. */
    Recorded last() {
        List<Recorded> requests = fake.requests();
        if (requests.isEmpty()) {
            throw new AssertionError("the upstream got no request");
        }
        return requests.getLast();
    }

    @Override
    public void close() {
        gw.close();
        fake.close();
    }
}
