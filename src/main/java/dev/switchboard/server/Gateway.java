package dev.switchboard.server;

import dev.switchboard.config.GatewayConfig;
import dev.switchboard.config.ServerConfig;
import dev.switchboard.pipeline.AccessLogSink;
import dev.switchboard.pipeline.GatewayMetrics;
import dev.switchboard.pipeline.ProxyPipeline;
import dev.switchboard.pipeline.TenantServices;
import dev.switchboard.resilience.HealthSync;
import dev.switchboard.server.admin.AdminApi;
import dev.switchboard.usage.TokenEstimator;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.PoolOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running gateway. {@link #start} wires every component by hand, in this one place: metrics,
 * upstream client, pipeline, and one HTTP server per event loop on the same port.
 */
public final class Gateway implements AutoCloseable {
    /** The largest piece of an upstream body handed on at once (Netty reads at most 64 KB at a time). */
    private static final int UPSTREAM_CHUNK_BYTES = 64 * 1024;
    private final Vertx vertx;
    private final List<HttpServer> servers;
    private final AtomicBoolean draining;
    private final AtomicReference<ProxyPipeline> pipeline;
    private final JvmGcMetrics gcMetrics;
    private final AccessLogSink accessLog;
    private final Backends backends;
    private final int port;

    /**
     * @param listen  host:port overriding the config's, or null
     * @param devMode accept unauthenticated calls (loopback listen addresses only)
     */
    /**
     * @param dataDir where this instance keeps its usage spool
     * @param store   a store URL overriding the config's, or null
     * @param env     where secrets outside the config are read from ({@code SWITCHBOARD_MASTER_KEY})
     */
    public record Options(String listen, boolean devMode, Clock clock, int eventLoops, boolean accessLog, Path dataDir,
            String store, Map<String, String> env) {
        public Options(String listen, boolean devMode, Clock clock, int eventLoops, boolean accessLog) {
            this(listen, devMode, clock, eventLoops, accessLog, Path.of("data"), null, System.getenv());
        }

        public static Options defaults() {
            return new Options(null, false, Clock.systemUTC(), Math.max(1, Runtime.getRuntime().availableProcessors()), true);
        }

        public Options withListen(String value) {
            return new Options(value, devMode, clock, eventLoops, accessLog, dataDir, store, env);
        }

        public Options withDevMode(boolean value) {
            return new Options(listen, value, clock, eventLoops, accessLog, dataDir, store, env);
        }

        public Options withData(Path dir, String storeUrl) {
            return new Options(listen, devMode, clock, eventLoops, accessLog, dir, storeUrl, env);
        }

        public Options withEnv(Map<String, String> value) {
            return new Options(listen, devMode, clock, eventLoops, accessLog, dataDir, store, Map.copyOf(value));
        }
    }

    private Gateway(Vertx vertx, List<HttpServer> servers, AtomicBoolean draining, AtomicReference<ProxyPipeline> pipeline,
            JvmGcMetrics gcMetrics, AccessLogSink accessLog, Backends backends) {
        this.backends = backends;
        this.vertx = vertx;
        this.servers = servers;
        this.draining = draining;
        this.pipeline = pipeline;
        this.gcMetrics = gcMetrics;
        this.accessLog = accessLog;
        this.port = servers.get(0).actualPort();
    }

    public static Gateway start(GatewayConfig config, Options options) {
        ServerConfig sc = config.server();
        String host = sc.host();
        int listenPort = sc.port();
        if (options.listen() != null) {
            ListenAddress address = ListenAddress.parse(options.listen());
            host = address.host();
            listenPort = address.port();
        }
        if (options.devMode() && !isLoopback(host)) {
            throw new IllegalArgumentException("--dev allows unauthenticated calls and is only accepted on a loopback "
                    + "listen address (127.0.0.1, ::1, localhost), not " + host);
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);

        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setPreferNativeTransport(true)
                .setEventLoopPoolSize(options.eventLoops())
                .setWorkerPoolSize(2));
        HttpClient client = vertx.httpClientBuilder()
                .with(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(60)
                        .setTcpNoDelay(true)
                        .setMaxHeaderSize(sc.limits().maxHeaderBytes())
                        // what one read brings is relayed as one piece: at Netty's default of 8 KB a 15 KB
                        // stream read at once left as two writes to the client, two syscalls instead of one
                        .setMaxChunkSize(UPSTREAM_CHUNK_BYTES)
                        .setDecompressionSupported(false)
                        .setVerifyHost(true)
                        .setForceSni(true))
                .with(new PoolOptions().setHttp1MaxSize(1024).setMaxWaitQueueSize(10_000))
                .build();
        VertxUpstreamTransport transport = new VertxUpstreamTransport(vertx, client, System::nanoTime);
        GatewayMetrics metrics = new GatewayMetrics(registry);
        AccessLogSink accessLog = options.accessLog() ? new AccessLogSink(System.out, true) : AccessLogSink.disabled();
        Backends backends;
        try {
            backends = Backends.open(config, options.store() != null ? options.store() : config.store(), vertx,
                    options.clock(), options.dataDir(), options.env());
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
        // key rests and breaker openings shared with the other instances (over Redis when configured)
        HealthSync health = backends.health();
        TenantServices tenants = new TenantServices(backends.directory(), backends.limits(), backends.usage());
        AtomicReference<ProxyPipeline> pipeline = new AtomicReference<>(ProxyPipeline.create(
                config, options.devMode(), transport, metrics, accessLog,
                (delay, task) -> vertx.setTimer(Math.max(1, delay.toMillis()), id -> task.run()),
                options.clock(), System::nanoTime, health, tenants, new TokenEstimator()));
        health.start();
        AtomicBoolean draining = new AtomicBoolean();
        long maxBody = sc.limits().maxBodyBytes();
        RequestRouter router = new RequestRouter(pipeline::get, () -> maxBody, new OpsEndpoints(registry, draining::get),
                AdminApi.create(vertx, backends, () -> config, options.clock(), () -> pipeline.get().statusReport()));

        HttpServerOptions serverOptions = new HttpServerOptions()
                .setHost(host)
                .setTcpNoDelay(true)
                .setMaxHeaderSize(sc.limits().maxHeaderBytes())
                .setMaxInitialLineLength(16 * 1024)
                .setIdleTimeout(300)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setCompressionSupported(false)
                // no WebSocket endpoint: with either on, Vert.x puts an extension handler into every
                // connection's pipeline, one more hop for each request read and response write
                .setPerMessageWebSocketCompressionSupported(false)
                .setPerFrameWebSocketCompressionSupported(false);
        List<HttpServer> servers = new ArrayList<>();
        try {
            HttpServer first = await(vertx.createHttpServer(serverOptions.setPort(listenPort))
                    .requestHandler(router).invalidRequestHandler(InvalidRequests::handle).listen());
            servers.add(first);
            // one server per event loop on the same port: Vert.x spreads connections over them
            for (int i = 1; i < options.eventLoops(); i++) {
                servers.add(await(vertx.createHttpServer(new HttpServerOptions(serverOptions).setPort(first.actualPort()))
                        .requestHandler(router).invalidRequestHandler(InvalidRequests::handle).listen()));
            }
        } catch (RuntimeException e) {
            backends.close();
            vertx.close();
            throw e;
        }
        return new Gateway(vertx, servers, draining, pipeline, gc, accessLog, backends);
    }

    public int port() {
        return port;
    }

    /** The store, usage writer, key directory and change feed behind this instance (for ops and tests). */
    public Backends backends() {
        return backends;
    }

    /** Stops accepting, lets in-flight requests and streams finish within {@code grace}, then closes. */
    public void stop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        draining.set(true);
        List<Future<Void>> closing = new ArrayList<>();
        for (HttpServer s : servers) {
            closing.add(s.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS));
        }
        try {
            await(Future.join(closing));
        } catch (RuntimeException ignored) {
            // a server that failed to close cleanly is closed by vertx.close() below
        }
        awaitCallsDone(deadline);
        backends.close(); // after the servers and the calls: in-flight records are flushed first
        await(vertx.close());
        gcMetrics.close();
        accessLog.close();
    }

    /**
     * Calls whose client left during the shutdown, or that were waiting for Redis, end after the servers
     * closed; their records must still reach the usage writer before it closes. Waits for them until
     * the shutdown's grace ends ({@code deadline}, in {@link System#nanoTime()}).
     */
    private void awaitCallsDone(long deadline) {
        while (pipeline.get().inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        stop(Duration.ZERO);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IllegalStateException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out", e);
        }
    }
}
