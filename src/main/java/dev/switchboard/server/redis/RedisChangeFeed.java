package dev.switchboard.server.redis;

import dev.switchboard.tenancy.ChangeFeed;
import dev.switchboard.tenancy.ChangeListeners;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChangeFeed} over Redis pub/sub. A connection in subscribe mode can do nothing else, so the feed
 * opens its own from the given client and publishes through the client's pool. A dropped subscription is
 * reopened after {@code reconnectDelay}, and listeners then get {@link #RESYNC}: pub/sub keeps nothing
 * for absent subscribers.
 */
public final class RedisChangeFeed implements ChangeFeed {
    public static final String DEFAULT_CHANNEL = "switchboard:changes";
    private static final Logger LOG = LoggerFactory.getLogger(RedisChangeFeed.class);

    private final Redis redis;
    private final RedisAPI api;
    private final String channel;
    private final Duration reconnectDelay;
    private final ChangeListeners listeners = new ChangeListeners();
    private final AtomicReference<RedisConnection> subscribed = new AtomicReference<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile boolean closed;
    private volatile boolean missed;
    private volatile boolean failing;

    public RedisChangeFeed(Redis redis, String channel, Duration reconnectDelay) {
        this.redis = redis;
        this.api = RedisAPI.api(redis);
        this.channel = channel;
        this.reconnectDelay = reconnectDelay;
    }

    /** Subscribes; the stage completes once the first subscription is in place (it keeps retrying until then). */
    public CompletionStage<Void> start() {
        connect();
        return started;
    }

    @Override
    public void subscribe(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public CompletionStage<Void> publish(String payload) {
        return api.publish(channel, payload).<Void>mapEmpty().toCompletionStage();
    }

    private void connect() {
        if (closed) {
            return;
        }
        redis.connect().onSuccess(c -> {
            if (closed) {
                c.close(); // closed while connecting
                return;
            }
            subscribed.set(c);
            c.handler(this::onMessage);
            c.exceptionHandler(e -> lost(c, e));
            c.endHandler(v -> lost(c, null));
            // Named, so that CLIENT LIST tells an operator what this long-lived connection is.
            c.send(Request.cmd(Command.CLIENT).arg("SETNAME").arg(clientName()))
                    .compose(ok -> c.send(Request.cmd(Command.SUBSCRIBE).arg(channel))).onSuccess(r -> {
                if (failing) {
                    LOG.info("subscribed to Redis changes again");
                    failing = false;
                }
                if (missed) {
                    missed = false;
                    listeners.deliver(RESYNC);
                }
                started.complete(null);
            }).onFailure(e -> lost(c, e));
        }).onFailure(e -> lost(null, e));
    }

    /** {@code switchboard-feed:<channel>}, with anything a client name may not hold replaced. */
    String clientName() {
        return "switchboard-feed:" + channel.replaceAll("[^A-Za-z0-9:._-]", "_");
    }

    private void onMessage(Response r) {
        // ["message", channel, payload]; subscribe confirmations and other pushes are not changes
        if (r.size() == 3 && "message".equals(r.get(0).toString()) && channel.equals(r.get(1).toString())) {
            listeners.deliver(r.get(2).toString());
        }
    }

    /** Called once per lost connection (exception and end handlers may both fire): reconnects later. */
    private void lost(RedisConnection c, Throwable e) {
        if (c != null && !subscribed.compareAndSet(c, null)) {
            return; // this connection was already given up
        }
        if (c != null) {
            c.close();
        }
        if (closed) {
            return;
        }
        missed = true;
        if (!failing) {
            failing = true;
            LOG.warn("Redis change feed lost its subscription; retrying every {} ms: {}", reconnectDelay.toMillis(),
                    e == null ? "connection closed" : e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        CompletableFuture.delayedExecutor(reconnectDelay.toMillis(), TimeUnit.MILLISECONDS).execute(this::connect);
    }

    @Override
    public void close() {
        closed = true;
        RedisConnection c = subscribed.getAndSet(null);
        if (c != null) {
            c.close();
        }
    }
}
