package dev.switchboard.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChangeFeed} over PostgreSQL LISTEN/NOTIFY, for instances that share a PostgreSQL store and no
 * Redis. One dedicated connection listens on a daemon thread, polling {@code getNotifications} with a
 * short timeout; a NOTIFY reaches every listening instance within milliseconds.
 *
 * <p>A lost connection is reopened after {@code reconnectDelay}; listeners then get {@link #RESYNC}.
 * An idle connection is probed every {@link #PROBE_AFTER} so that a silently dropped TCP connection
 * (a restarted NAT or proxy) is noticed instead of listening to nothing forever.
 */
public final class PostgresChangeFeed implements ChangeFeed {
    public static final String DEFAULT_CHANNEL = "switchboard_changes";
    static final Duration PROBE_AFTER = Duration.ofSeconds(30);
    private static final int POLL_MILLIS = 500;
    private static final int PROBE_TIMEOUT_MILLIS = 10_000;
    /** LISTEN takes no bind parameter: the channel is spliced into SQL, so only plain identifiers pass. */
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeFeed.class);

    /** Opens a new connection; the listener holds one for good, each publish borrows one. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    private final Connector connector;
    private final String channel;
    private final Duration reconnectDelay;
    private final ChangeListeners listeners = new ChangeListeners();
    private final ExecutorService publishers = Executors.newVirtualThreadPerTaskExecutor();
    private final Thread thread;
    private final CompletableFuture<Void> listeningOnce = new CompletableFuture<>();
    private volatile boolean closed;
    private volatile Connection listening;

    public PostgresChangeFeed(Connector connector, String channel, Duration reconnectDelay) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("channel must be a lower-case SQL identifier: " + channel);
        }
        this.connector = connector;
        this.channel = channel;
        this.reconnectDelay = reconnectDelay;
        this.thread = Thread.ofPlatform().name("switchboard-pg-listen").daemon().unstarted(this::run);
    }

    /**
     * Starts listening. The stage completes once the first LISTEN is in place (it keeps retrying until
     * then); notifications published before that are not seen.
     */
    public CompletionStage<Void> start() {
        thread.start();
        return listeningOnce;
    }

    @Override
    public void subscribe(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Runs on a virtual thread: safe to call from an event loop. */
    @Override
    public CompletionStage<Void> publish(String payload) {
        return CompletableFuture.runAsync(() -> {
            try (Connection c = connector.connect(); PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                ps.setString(1, channel);
                ps.setString(2, payload);
                ps.execute();
            } catch (SQLException e) {
                throw new IllegalStateException("publishing a change failed: " + LogSafe.describe(e), e);
            }
        }, publishers);
    }

    private void run() {
        boolean missed = false; // true once anything may have been published while we were not listening
        boolean failing = false;
        while (!closed) {
            try (Connection c = connector.connect()) {
                listening = c;
                c.setAutoCommit(true); // notifications are delivered between transactions only
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + channel);
                }
                if (failing) {
                    LOG.info("listening for changes on PostgreSQL again");
                    failing = false;
                }
                if (missed) {
                    listeners.deliver(RESYNC);
                }
                listeningOnce.complete(null);
                listen(c);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                missed = true;
                if (!failing) {
                    LOG.warn("PostgreSQL change feed lost its connection; retrying every {} ms: {}",
                            reconnectDelay.toMillis(), LogSafe.describe(e));
                    failing = true;
                }
                sleep(reconnectDelay);
            } finally {
                listening = null;
            }
        }
    }

    private void listen(Connection c) throws SQLException {
        PGConnection pg = c.unwrap(PGConnection.class);
        long lastTraffic = System.nanoTime();
        while (!closed) {
            PGNotification[] notes = pg.getNotifications(POLL_MILLIS);
            if (notes != null && notes.length > 0) {
                lastTraffic = System.nanoTime();
                for (PGNotification n : notes) {
                    listeners.deliver(n.getParameter());
                }
            } else if (System.nanoTime() - lastTraffic > PROBE_AFTER.toNanos()) {
                c.setNetworkTimeout(Runnable::run, PROBE_TIMEOUT_MILLIS);
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                lastTraffic = System.nanoTime();
            }
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c = listening;
        if (c != null) {
            try {
                c.close(); // unblocks getNotifications at once
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publishers.shutdown();
    }
}
