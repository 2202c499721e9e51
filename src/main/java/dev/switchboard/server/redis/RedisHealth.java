package dev.switchboard.server.redis;

import dev.switchboard.resilience.HealthEvent;
import dev.switchboard.resilience.SharedHealth;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SharedHealth} over Redis: instances of one gateway tell each other which provider keys rest and
 * which deployments' breakers are open.
 *
 * <ul>
 *   <li><b>Push</b>: each event is published on the channel {@code <namespace>:health}; every instance
 *       subscribes on a connection of its own and applies what the others publish (its own messages carry
 *       its instance id and are skipped).</li>
 *   <li><b>State</b>: each event is also kept under {@code <namespace>:health:key:<provider>:<key id>} or
 *       {@code <namespace>:health:breaker:<deployment>} with a TTL equal to its remaining time, so Redis forgets
 *       it exactly when it ends. An instance that starts (or reconnects) later reads these first and so
 *       learns the rests and openings already in force. Storing and publishing is one script, one round trip;
 *       a shorter rest never overwrites a longer one.</li>
 * </ul>
 * Keys are named by their fingerprint, never by the key. Nothing here blocks a caller: publishing is
 * fire-and-forget, and while Redis is away events are lost (each instance then learns on its own) and the
 * subscriber reconnects with backoff, reading the stored state again when it is back.
 */
public final class RedisHealth implements SharedHealth {
    public static final String DEFAULT_NAMESPACE = "switchboard";
    private static final Logger LOG = LoggerFactory.getLogger(RedisHealth.class);

    /** KEYS[1] = storage key; ARGV = message, ttl ms, channel. Keeps the longer of two rests. */
    static final String PUBLISH_SCRIPT = """
            local ttl = tonumber(ARGV[2])
            if redis.call('PTTL', KEYS[1]) < ttl then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ttl)
            end
            return redis.call('PUBLISH', ARGV[3], ARGV[1])
            """;
    private static final long RECONNECT_MIN_MS = 500;
    private static final long RECONNECT_MAX_MS = 30_000;
    private static final int SCAN_COUNT = 200;
    /** Stored events read at start; far more than keys × deployments of any real gateway. */
    private static final int MAX_LOADED = 100_000;
    private static final long WARN_EVERY_MS = 60_000;

    private final Vertx vertx;
    private final Redis redis;
    private final Clock clock;
    private final String channel;
    private final String prefix;
    private final String instanceId = UUID.randomUUID().toString();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicLong lastWarn = new AtomicLong(Long.MIN_VALUE);

    // Guarded by this.
    private Consumer<HealthEvent> sink;
    private RedisConnection subscriber;
    private boolean closed;
    private long reconnectTimer = -1;
    private long reconnectDelayMs = RECONNECT_MIN_MS;

    /**
     * @param redis the gateway's Redis client: commands go through its pool, and one connection of its own is
     *     taken for the subscription (this object does not close the client)
     * @param namespace prefix of the channel and keys, so gateways sharing one Redis stay apart
     */
    public RedisHealth(Vertx vertx, Redis redis, String namespace, Clock clock) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("namespace must not be blank");
        }
        this.channel = namespace + ":health";
        this.prefix = channel + ":";
    }

    public RedisHealth(Vertx vertx, Redis redis, Clock clock) {
        this(vertx, redis, DEFAULT_NAMESPACE, clock);
    }

    /** This instance's id on the channel (random per process). */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Completes once the subscription is active and the stored events have been delivered for the first
     * time; never fails (Redis may come later). For readiness checks and tests.
     */
    public CompletionStage<Void> ready() {
        return ready.copy();
    }

    @Override
    public void publish(HealthEvent event) {
        long ttl = event.until().toEpochMilli() - clock.millis();
        if (ttl <= 0) {
            return;
        }
        String message = RedisHealthMessages.encode(instanceId, event, ttl);
        redis.send(Request.cmd(Command.EVAL).arg(PUBLISH_SCRIPT).arg(1)
                        .arg(RedisHealthMessages.storageKey(prefix, event)).arg(message).arg(ttl).arg(channel))
                .onFailure(e -> warn("could not share a health event", e));
    }

    @Override
    public synchronized void start(Consumer<HealthEvent> sink) {
        if (this.sink != null) {
            throw new IllegalStateException("already started");
        }
        this.sink = Objects.requireNonNull(sink, "sink");
        subscribe();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (reconnectTimer >= 0) {
            vertx.cancelTimer(reconnectTimer);
        }
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
    }

    private synchronized void subscribe() {
        reconnectTimer = -1;
        if (closed) {
            return;
        }
        redis.connect().onComplete(connected -> {
            if (connected.failed()) {
                lost(connected.cause());
                return;
            }
            RedisConnection conn = connected.result();
            synchronized (this) {
                if (closed) {
                    conn.close();
                    return;
                }
                subscriber = conn;
            }
            conn.handler(this::onPush);
            conn.exceptionHandler(this::lost);
            conn.endHandler(v -> lost(null));
            // named, so that operators (and tests) can tell it apart in CLIENT LIST;
            // subscribe first, then read what is stored: an event published in between is seen at least once
            conn.send(Request.cmd(Command.CLIENT).arg("SETNAME").arg(clientName()))
                    .compose(r -> conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)))
                    .compose(r -> loadStored("0", 0))
                    .onSuccess(v -> {
                        synchronized (this) {
                            reconnectDelayMs = RECONNECT_MIN_MS;
                        }
                        ready.complete(null);
                    })
                    .onFailure(this::lost);
        });
    }

    /** A pub/sub message: {@code ["message", channel, payload]} (a RESP2 array or a RESP3 push). */
    private void onPush(Response r) {
        if (r == null || r.size() != 3 || !"message".equals(String.valueOf(r.get(0))) || !channel.equals(String.valueOf(r.get(1)))) {
            return; // subscribe confirmations and anything else
        }
        deliver(r.get(2) == null ? null : r.get(2).toString(), -1);
    }

    /** Reads the stored events page by page (SCAN, then GET and PTTL of each key in one batch). */
    private Future<Void> loadStored(String cursor, int loaded) {
        return redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(globEscape(prefix) + "*")
                        .arg("COUNT").arg(SCAN_COUNT))
                .compose(page -> {
                    String next = page.get(0).toString();
                    List<String> keys = new ArrayList<>();
                    page.get(1).forEach(k -> keys.add(k.toString()));
                    Future<Void> read = keys.isEmpty() ? Future.succeededFuture() : readStored(keys);
                    int total = loaded + keys.size();
                    return read.compose(v -> "0".equals(next) || total >= MAX_LOADED
                            ? Future.succeededFuture() : loadStored(next, total));
                });
    }

    private Future<Void> readStored(List<String> keys) {
        List<Request> batch = new ArrayList<>(keys.size() * 2);
        for (String k : keys) {
            batch.add(Request.cmd(Command.GET).arg(k));
            batch.add(Request.cmd(Command.PTTL).arg(k));
        }
        return redis.batch(batch).map(rs -> {
            for (int i = 0; i + 1 < rs.size(); i += 2) {
                Response value = rs.get(i);
                Response ttl = rs.get(i + 1);
                if (value != null && ttl != null && ttl.toLong() > 0) { // -2 gone, -1 no expiry: not ours
                    deliver(value.toString(), ttl.toLong());
                }
            }
            return null;
        });
    }

    private void deliver(String message, long ttlMillis) {
        RedisHealthMessages.decode(message, ttlMillis, clock.instant()).ifPresent(m -> {
            if (instanceId.equals(m.from())) {
                return; // our own event, back from the channel or the store
            }
            Consumer<HealthEvent> s;
            synchronized (this) {
                s = sink;
            }
            try {
                s.accept(m.event());
            } catch (RuntimeException e) {
                LOG.warn("applying a shared health event failed", e);
            }
        });
    }

    private void lost(Throwable cause) {
        synchronized (this) {
            if (closed || reconnectTimer >= 0) {
                return; // closing, or a reconnect is already planned (end and exception both report one loss)
            }
            if (subscriber != null) {
                subscriber.close();
                subscriber = null;
            }
            long delay = reconnectDelayMs;
            reconnectDelayMs = Math.min(RECONNECT_MAX_MS, reconnectDelayMs * 2);
            reconnectTimer = vertx.setTimer(delay, id -> subscribe());
        }
        warn("shared health: Redis subscription lost, reconnecting", cause);
    }

    /** Redis trouble is logged once a minute at most: a down Redis must not flood the log. */
    private void warn(String what, Throwable cause) {
        long now = clock.millis();
        long last = lastWarn.get();
        if ((last == Long.MIN_VALUE || now - last >= WARN_EVERY_MS) && lastWarn.compareAndSet(last, now)) {
            LOG.warn("{}: {}", what, cause == null ? "connection closed" : cause.toString());
        }
    }

    /** The namespace is ours, but a glob character in it must not widen the SCAN. */
    private static String globEscape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 4);
        for (char c : s.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** The subscriber connection's name in {@code CLIENT LIST}. */
    public String clientName() {
        return "switchboard-health-" + instanceId.substring(0, 8);
    }

    @Override
    public String toString() {
        return "RedisHealth[" + channel + ", instance " + instanceId + "]";
    }
}
