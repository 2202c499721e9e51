package dev.switchboard.server.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.PooledRedisConnection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One event loop's connection to Redis, pipelined: the commands asked for during one turn of the loop
 * (the admissions and settlements of every request it handled in that turn) leave in one write, and
 * Redis answers them in order, mostly in one read. No command waits for a pooled connection, so none
 * waits behind another's round trip.
 *
 * <p>Redis counts as down, and commands fail at once for {@code retry}, when connecting fails or takes
 * longer than {@code max(4 × timeout, retry)}, the connection closes, or the oldest written command has
 * had no answer for {@code timeout}. The timeout
 * runs from the write and is checked on the event loop after its I/O: a reply that arrived in time but
 * waited for a busy loop is read before the check, so a saturated gateway does not take itself for a
 * slow Redis.
 *
 * <p>Confined to the thread of {@code context}: every method runs there.
 */
final class RedisLane {
    /** How long a command nobody waits for may wait for company before it is written anyway. */
    static final long LATER_MILLIS = 5;

    private final Context context;
    private final Redis redis;
    private final Supplier<List<Request>> preamble;
    private final long timeoutNanos;
    private final long connectNanos;
    private final long retryNanos;
    private final int maxOutstanding;
    private final LongSupplier nanoTime;
    private final LongAdder writes;
    private long checker = -1;

    private RedisConnection connection;
    private boolean connecting;
    private long connectingSince;
    private boolean down;
    private long downUntil;
    private List<Queued> queued = new ArrayList<>();
    private final ArrayDeque<Written> written = new ArrayDeque<>();
    private int outstanding;
    private boolean closed;
    private boolean flushSoon;
    private boolean flushLater;

    private record Queued(Request request, Promise<Response> promise) {}

    private record Written(long at, List<Queued> commands) {}

    /**
     * @param preamble       sent first on every new connection (script loads), so that the commands after
     *                       it never meet a server without them
     * @param maxOutstanding commands queued and unanswered at most; more fail at once (the connection's
     *                       {@code maxWaitingHandlers} must be at least this)
     */
    RedisLane(Context context, Redis redis, Supplier<List<Request>> preamble, long timeoutNanos, long retryNanos,
            int maxOutstanding, LongSupplier nanoTime, LongAdder writes) {
        this.writes = writes;
        this.context = context;
        this.redis = redis;
        this.preamble = preamble;
        this.timeoutNanos = timeoutNanos;
        this.connectNanos = Math.max(4 * timeoutNanos, retryNanos); // a new connection says HELLO first
        this.retryNanos = retryNanos;
        this.maxOutstanding = maxOutstanding;
        this.nanoTime = nanoTime;
        long every = Math.max(10, timeoutNanos / 5_000_000);
        context.runOnContext(v -> {
            if (!closed) { // a timer set here fires on this context's thread
                checker = context.owner().setPeriodic(every, id -> check());
            }
        });
    }

    Context context() {
        return context;
    }

    /**
     * @param when {@link Dispatch#LATER} for what nobody waits for (most settlements): it leaves with the
     *             next write, or {@link #LATER_MILLIS} from now, whichever comes first, so that at light load
     *             it does not cost a write (and a read) of its own
     */
    Future<Response> send(Request request, Dispatch when) {
        if (closed) {
            return Future.failedFuture(new RedisUnavailableException("the Redis pipeline is closed"));
        }
        if (down && connection == null) {
            if (nanoTime.getAsLong() - downUntil < 0) {
                return Future.failedFuture(new RedisUnavailableException("Redis is down; next try in under "
                        + retryNanos / 1_000_000 + " ms"));
            }
            down = false;
        }
        if (outstanding >= maxOutstanding) {
            return Future.failedFuture(new RedisUnavailableException(outstanding + " Redis commands unanswered"));
        }
        Promise<Response> promise = Promise.promise();
        if (when == Dispatch.THIS_TURN && !flushSoon) {
            flushSoon = true;
            context.runOnContext(v -> flush()); // runs after this turn's I/O: one write for all of it
        } else if (when == Dispatch.LATER && !flushLater) {
            flushLater = true;
            context.owner().setTimer(LATER_MILLIS, id -> {
                flushLater = false;
                flush();
            });
        }
        queued.add(new Queued(request, promise));
        outstanding++;
        if (when == Dispatch.NOW) {
            flush();
        }
        return promise.future();
    }

    private void flush() {
        flushSoon = false;
        if (queued.isEmpty()) {
            return;
        }
        if (connection == null) {
            if (!connecting) {
                connect();
            }
            return;
        }
        List<Queued> batch = queued;
        queued = new ArrayList<>();
        Written w = new Written(nanoTime.getAsLong(), batch);
        written.addLast(w);
        writes.increment();
        RedisConnection c = connection;
        if (batch.size() == 1) {
            Promise<Response> promise = batch.get(0).promise();
            c.send(batch.get(0).request()).onComplete(ar -> {
                answered(w);
                if (ar.succeeded()) {
                    promise.tryComplete(ar.result());
                } else {
                    promise.tryFail(ar.cause());
                }
            });
            return;
        }
        List<Request> requests = new ArrayList<>(batch.size());
        for (Queued q : batch) {
            requests.add(q.request());
        }
        c.batch(requests).onComplete(ar -> {
            answered(w);
            if (ar.succeeded()) {
                List<Response> replies = ar.result();
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).promise().tryComplete(replies.get(i));
                }
                return;
            }
            // One error reply fails the whole batch and hides which commands ran: none may be retried (an
            // admission that ran would count twice), so all fail, and the scripts are loaded again in case
            // the error was a SCRIPT FLUSH's NOSCRIPT.
            String why = String.valueOf(ar.cause().getMessage());
            RedisUnavailableException e = new RedisUnavailableException("a pipelined batch failed: " + why);
            batch.forEach(q -> q.promise().tryFail(e));
            if (why.contains("NOSCRIPT") && c == connection) {
                preamble.get().forEach(c::send);
            }
        });
    }

    /** Replies come in order; after a {@link #down} the written ones were failed and counted off already. */
    private void answered(Written w) {
        if (written.peekFirst() == w) {
            written.pollFirst();
        } else if (!written.remove(w)) {
            return;
        }
        outstanding -= w.commands().size();
    }

    private void connect() {
        connecting = true;
        connectingSince = nanoTime.getAsLong();
        redis.connect().onComplete(ar -> {
            connecting = false;
            if (closed) {
                if (ar.succeeded()) {
                    ar.result().close();
                }
                return;
            }
            if (ar.failed()) {
                down(new RedisUnavailableException("cannot connect to Redis: " + ar.cause().getMessage()));
                return;
            }
            RedisConnection c = ar.result();
            connection = c;
            c.exceptionHandler(e -> lost(c, new RedisUnavailableException("Redis connection failed: " + e.getMessage())));
            c.endHandler(v -> lost(c, new RedisUnavailableException("Redis closed the connection")));
            preamble.get().forEach(c::send);
            flush();
        });
    }

    private void lost(RedisConnection c, RuntimeException why) {
        if (c == connection) {
            down(why);
        }
    }

    /** Fails everything queued or unanswered and refuses new commands for {@code retry}. */
    private void down(RuntimeException why) {
        down = true;
        downUntil = nanoTime.getAsLong() + retryNanos;
        RedisConnection c = connection;
        connection = null;
        List<Queued> failed = new ArrayList<>(queued);
        queued = new ArrayList<>();
        written.forEach(w -> failed.addAll(w.commands()));
        written.clear();
        outstanding = 0; // what is still connecting keeps going: a connection that comes up is used
        if (c != null) {
            discard(c);
        }
        failed.forEach(q -> q.promise().tryFail(why));
    }

    /**
     * Closes the socket itself: returning a connection that stopped answering to the pool would hand the
     * same dead socket to the next connect.
     */
    private static void discard(RedisConnection c) {
        if (c instanceof PooledRedisConnection pooled) {
            pooled.actual().forceClose();
        }
        c.close();
    }

    private void check() {
        long now = nanoTime.getAsLong();
        Written oldest = written.peekFirst();
        if (oldest != null && now - oldest.at() > timeoutNanos) {
            down(new RedisUnavailableException("Redis did not answer within " + timeoutNanos / 1_000_000 + " ms"));
        } else if (connecting && !queued.isEmpty() && now - connectingSince > connectNanos) {
            down(new RedisUnavailableException("no Redis connection within " + connectNanos / 1_000_000 + " ms"));
        }
    }

    /** What is queued is still written (settlements of the last requests); nothing waits for the answers. */
    void close() {
        if (connection != null) {
            flush();
        }
        closed = true;
        if (checker >= 0) {
            context.owner().cancelTimer(checker);
        }
        down(new RedisUnavailableException("the Redis pipeline is closed"));
    }
}
