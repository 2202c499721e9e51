import com.sun.management.ThreadMXBean;
import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.model.Endpoint;
import dev.switchboard.pipeline.AccessLogSink;
import dev.switchboard.pipeline.ClientExchange;
import dev.switchboard.pipeline.GatewayMetrics;
import dev.switchboard.pipeline.Inbound;
import dev.switchboard.pipeline.ProxyPipeline;
import dev.switchboard.pipeline.TenantServices;
import dev.switchboard.provider.Chunk;
import dev.switchboard.provider.UpstreamCall;
import dev.switchboard.provider.UpstreamListener;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTransport;
import dev.switchboard.server.Backends;
import dev.switchboard.usage.TokenEstimator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;

/**
 * The gateway's own work on one translated stream, in-process and without the network: the request
 * pipeline of the translate bench's config (authentication, routing, request translation, the relay's
 * stream translation, the usage record with its spool write, the access-log line and the metrics) driven
 * with an OpenAI streaming request, against an upstream transport that answers at once with the Anthropic
 * stream the bench's nginx mock serves, and a client that only counts bytes. What Vert.x, Netty and the
 * kernel cost is left out; what is left is the part a faster HTTP layer would not touch. Prints,
 * tab-separated: the median CPU time per request on the calling thread (the event loop's share), the
 * usage writer's CPU per request (its SQLite inserts, on its own thread), and the bytes allocated per
 * request on the calling thread.
 *   java -cp switchboard.jar:. PipelineLoop <config.yaml> <request.json> <stream.sse> <data-dir> [rounds]
 */
public final class PipelineLoop {
    private static final int PER_ROUND = 20_000;

    public static void main(String[] args) throws Exception {
        GatewayConfig config = ConfigLoader.load(Path.of(args[0]), Map.of());
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        byte[] stream = Files.readAllBytes(Path.of(args[2]));
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 15;
        Vertx vertx = Vertx.vertx();
        Clock clock = Clock.systemUTC();
        Path data = Path.of(args[3]);
        Backends backends = Backends.open(config, config.storeIn(data), vertx, clock, data);
        UpstreamTransport upstream = (request, listener) -> answer(listener, stream);
        ProxyPipeline pipeline = ProxyPipeline.create(config, false, upstream,
                new GatewayMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
                new AccessLogSink(OutputStream.nullOutputStream(), true),
                (delay, task) -> vertx.setTimer(Math.max(1, delay.toMillis()), id -> task.run()),
                clock, System::nanoTime, backends.health(),
                new TenantServices(backends.directory(), backends.limits(), backends.usage()), new TokenEstimator());
        CountingClient client = new CountingClient();
        Inbound chat = Inbound.openAi(Endpoint.CHAT);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Thread writer = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("usage-writer")).findFirst().orElseThrow();
        long[] own = new long[rounds];
        long[] usage = new long[rounds];
        long bytes = 0;
        for (int r = 0; r < rounds; r++) {
            long a0 = threads.getCurrentThreadAllocatedBytes();
            long c0 = threads.getCurrentThreadCpuTime();
            long w0 = threads.getThreadCpuTime(writer.threadId());
            for (int i = 0; i < PER_ROUND; i++) {
                pipeline.proxy(chat, body, client);
            }
            own[r] = threads.getCurrentThreadCpuTime() - c0;
            backends.usage().flush(); // this round's records are the writer's work of this round
            usage[r] = threads.getThreadCpuTime(writer.threadId()) - w0;
            bytes = (threads.getCurrentThreadAllocatedBytes() - a0) / PER_ROUND;
        }
        if (client.streams != (long) rounds * PER_ROUND || client.bytes / client.streams < stream.length) {
            throw new IllegalStateException("the pipeline did not answer every request with a whole stream: "
                    + client.streams + " streams, " + client.bytes + " bytes, last status " + client.status);
        }
        System.out.printf("request thread, µs per translated stream\t%.2f%n", median(own));
        System.out.printf("usage writer, µs per record\t%.2f%n", median(usage));
        System.out.printf("bytes allocated per translated stream\t%d%n", bytes);
        backends.close();
        vertx.close();
    }

    /** The first third of the rounds warm the JIT up; the median of the rest, per request. */
    private static double median(long[] nanos) {
        long[] warm = Arrays.copyOfRange(nanos, nanos.length / 3, nanos.length);
        Arrays.sort(warm);
        return warm[warm.length / 2] / 1000.0 / PER_ROUND;
    }

    /** The bench mock's answer, in one piece, as one read of it mostly arrives. */
    private static UpstreamCall answer(UpstreamListener listener, byte[] stream) {
        listener.onHeaders(200, name -> name.equalsIgnoreCase("content-type") ? "text/event-stream" : null);
        listener.onData(Chunk.of(stream));
        listener.onEnd();
        return new UpstreamCall() {
            @Override
            public void pause() {}

            @Override
            public void resume() {}

            @Override
            public void cancel() {}
        };
    }

    /** A client on the bench's key that takes every byte at once and counts them. */
    private static final class CountingClient implements ClientExchange {
        long bytes;
        long streams;
        int status;

        @Override
        public String header(String name) {
            return switch (name.toLowerCase()) {
                case "authorization" -> "Bearer sk-bench-0000000000000000";
                case "content-type" -> "application/json";
                default -> null;
            };
        }

        @Override
        public String path() {
            return "/v1/chat/completions";
        }

        @Override
        public void onContext(Runnable action) {
            action.run();
        }

        @Override
        public String query(String name) {
            return null;
        }

        @Override
        public String cookie(String name) {
            return null;
        }

        @Override
        public void respond(int status, Map<String, String> headers, byte[] body) {
            this.status = status;
            bytes += body.length;
        }

        @Override
        public void begin(int status, Map<String, String> headers, long contentLength) {
            this.status = status;
            streams += status == 200 ? 1 : 0;
        }

        @Override
        public boolean write(Chunk chunk) {
            bytes += chunk.length();
            return true;
        }

        @Override
        public void onDrain(Runnable action) {}

        @Override
        public void end() {}

        @Override
        public void abort() {}

        @Override
        public void onClose(Runnable action) {}
    }
}
