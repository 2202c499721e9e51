package dev.switchboard.server.redis;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the test Redis that can stall: the connections open then (and those opened while
 * stalled) still carry commands to Redis, which runs them, but its replies are dropped for good, as a dead
 * network path or a hung server looks from the gateway. After {@link #resume} new connections work again.
 */
final class StallingProxy implements AutoCloseable {
    private final NetServer server;
    private final NetClient client;
    private final Set<NetSocket> open = ConcurrentHashMap.newKeySet();
    private final Set<NetSocket> dead = ConcurrentHashMap.newKeySet();
    private final AtomicInteger deadClosedByClient = new AtomicInteger();
    private volatile boolean stalled;

    StallingProxy(Vertx vertx) {
        client = vertx.createNetClient();
        server = vertx.createNetServer().connectHandler(front -> {
            front.pause();
            open.add(front);
            if (stalled) {
                dead.add(front);
            }
            client.connect(6379, "127.0.0.1").onComplete(ar -> {
                if (ar.failed()) {
                    front.close();
                    return;
                }
                NetSocket back = ar.result();
                front.handler(back::write);
                back.handler(reply -> {
                    if (!dead.contains(front)) {
                        front.write(reply);
                    }
                });
                front.closeHandler(v -> {
                    if (dead.contains(front)) {
                        deadClosedByClient.incrementAndGet();
                    }
                    open.remove(front);
                    back.close();
                });
                back.closeHandler(v -> front.close());
                front.resume();
            });
        });
        server.listen(0, "127.0.0.1").await();
    }

    String url() {
        return "redis://127.0.0.1:" + server.actualPort();
    }

    void stall() {
        stalled = true;
        dead.addAll(open);
    }

    void resume() {
        stalled = false;
    }

    /** Stalled connections the gateway closed itself (rather than keep waiting on, or hand out again). */
    int deadClosedByClient() {
        return deadClosedByClient.get();
    }

    @Override
    public void close() {
        server.close().await();
        client.close().await();
    }
}
