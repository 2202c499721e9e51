package dev.switchboard.server.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hot path's way to Redis: one pipelined connection per event loop ({@link RedisLane}), so that a
 * command costs its share of one write and one read per loop turn instead of a pooled connection's
 * lease, write, read and return of its own, and is answered on the thread that asked. Callers off the
 * gateway's event loops (tests, workers) share one more lane, reached through its context.
 *
 * <p>Its own client: the lanes keep their connections for good and discard (close) one that stopped
 * answering, which must not touch the connections others lease from a shared pool.
 */
public final class RedisPipeline implements AutoCloseable {
    /** Commands in flight per lane at most; a burst beyond it is judged by the local counters. */
    static final int MAX_OUTSTANDING = 8192;

    private final Vertx vertx;
    private final Redis redis;
    private final long timeoutNanos;
    private final long retryNanos;
    private final List<RedisScript> scripts = new CopyOnWriteArrayList<>();
    private final Map<Thread, RedisLane> lanes = new ConcurrentHashMap<>();
    private final RedisLane elsewhere;
    private final LongAdder writes = new LongAdder();

    /**
     * @param timeout how long a written command may go unanswered before Redis counts as down
     * @param retry   how long commands then fail at once before the next connection attempt
     */
    public RedisPipeline(Vertx vertx, String connectionString, Duration timeout, Duration retry) {
        this.vertx = vertx;
        RedisOptions options = new RedisOptions().setConnectionString(connectionString)
                .setMaxPoolSize(64).setMaxPoolWaiting(64).setMaxWaitingHandlers(MAX_OUTSTANDING);
        options.getNetClientOptions().setConnectTimeout((int) Math.max(timeout.toMillis(), retry.toMillis()));
        this.redis = Redis.createClient(vertx, options);
        this.timeoutNanos = timeout.toNanos();
        this.retryNanos = retry.toNanos();
        this.elsewhere = lane(vertx.getOrCreateContext());
    }

    /** Loaded on every new connection before anything else is sent on it. */
    void preload(RedisScript script) {
        scripts.add(script);
    }

    /** For what a request waits on (admissions): written at the end of this turn of the event loop. */
    Future<Response> send(Request request) {
        return send(request, Dispatch.THIS_TURN);
    }

    /** @param when {@link Dispatch#LATER} for what nobody waits on: written with the next write, or within 5 ms */
    Future<Response> send(Request request, Dispatch when) {
        Context current = Vertx.currentContext();
        if (current != null && current.isEventLoopContext() && current.owner() == vertx) {
            return lanes.computeIfAbsent(Thread.currentThread(), t -> lane(current)).send(request, when);
        }
        Promise<Response> promise = Promise.promise();
        elsewhere.context().runOnContext(v -> elsewhere.send(request, when).onComplete(promise));
        return promise.future();
    }

    private RedisLane lane(Context context) {
        return new RedisLane(context, redis, this::preamble, timeoutNanos, retryNanos, MAX_OUTSTANDING,
                System::nanoTime, writes);
    }

    /** Batches of commands written so far, over all lanes (each one socket write). */
    long writes() {
        return writes.sum();
    }

    private List<Request> preamble() {
        List<Request> loads = new ArrayList<>(scripts.size());
        scripts.forEach(s -> loads.add(s.loadRequest()));
        return loads;
    }

    @Override
    public void close() {
        lanes.values().forEach(l -> l.context().runOnContext(v -> l.close()));
        elsewhere.context().runOnContext(v -> elsewhere.close());
        redis.close();
    }
}
