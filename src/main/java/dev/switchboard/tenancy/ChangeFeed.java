package dev.switchboard.tenancy;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * "Keys or projects changed": published by the instance that changed the store, delivered to every
 * instance (itself included) so that each refreshes its {@link TenantDirectory}. Implementations: {@link
 * LocalChangeFeed} (one instance), {@link PostgresChangeFeed} (LISTEN/NOTIFY), and Redis pub/sub in the
 * server package.
 *
 * <p>Delivery is at most once; a feed that lost its connection calls its listeners with {@link #RESYNC}
 * after reconnecting, since changes may have been published meanwhile. The periodic refresh covers
 * anything else.
 */
public interface ChangeFeed extends AutoCloseable {
    /** The payload listeners get after a reconnect: "something may have changed, reload everything". */
    String RESYNC = "resync";

    /**
     * Listeners run on the feed's own thread and must return quickly (hand the work to another thread).
     * The payload is informational ({@code key:<id>}, {@code project:<id>}); listeners may ignore it.
     */
    void subscribe(Consumer<String> listener);

    /** Publish after the change is committed, so that a refresh triggered by it sees the change. */
    CompletionStage<Void> publish(String payload);

    @Override
    void close();
}
