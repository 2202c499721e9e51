package dev.switchboard.server.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The Redis server on 127.0.0.1:6379 for tests; tests skip with a clear message when it is not there.
 * Every test uses its own key prefix and channel, so tests (and other suites) can share the server.
 */
final class LocalRedis implements AutoCloseable {
    static final String URL = "redis://127.0.0.1:6379";

    final Vertx vertx = Vertx.vertx();
    private final List<Redis> clients = new ArrayList<>();
    private final List<RedisPipeline> pipelines = new ArrayList<>();

    static void assumeRunning() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 6379), 300);
        } catch (IOException e) {
            assumeTrue(false, "Redis is not running on 127.0.0.1:6379; skipping the Redis tests (" + e.getMessage() + ")");
        }
    }

    /** A separate client, as a separate gateway instance would have. */
    Redis client() {
        // The default pool (6 connections, 24 waiting) refuses bursts of concurrent admissions.
        Redis r = Redis.createClient(vertx, new RedisOptions().setConnectionString(URL).setMaxPoolSize(8)
                .setMaxPoolWaiting(1024));
        clients.add(r);
        return r;
    }

    RedisAPI api() {
        return RedisAPI.api(client());
    }

    /** A pipeline of its own (its own connections), as a separate gateway instance would have. */
    RedisPipeline pipeline() {
        return pipeline(URL);
    }

    /** With the gateway's timeout (250 ms) and a short retry, so tests see Redis come back soon. */
    RedisPipeline pipeline(String url) {
        RedisPipeline p = new RedisPipeline(vertx, url, Duration.ofMillis(250), Duration.ofMillis(300));
        pipelines.add(p);
        return p;
    }

    static String uniquePrefix() {
        return "sbtest:" + UUID.randomUUID() + ":";
    }

    @Override
    public void close() {
        pipelines.forEach(RedisPipeline::close);
        clients.forEach(Redis::close);
        vertx.close().await();
    }
}
