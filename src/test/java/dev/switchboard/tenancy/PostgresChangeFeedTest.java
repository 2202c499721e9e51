package dev.switchboard.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.testkit.ManualClock;
import dev.switchboard.testkit.Propagation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** LISTEN/NOTIFY against the real PostgreSQL on 127.0.0.1:5432 (database test, trust auth). */
@Tag("postgres")
class PostgresChangeFeedTest {
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private final String channel = "sbtest_" + UUID.randomUUID().toString().replace("-", "");
    private final String appName = "sbtest-" + UUID.randomUUID();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void needsPostgres() {
        try (Connection c = connect("probe")) {
            assumeTrue(c.isValid(2));
        } catch (SQLException e) {
            assumeTrue(false, "PostgreSQL is not reachable at " + URL + "; skipping the LISTEN/NOTIFY tests (" + e.getMessage() + ")");
        }
    }

    private static Connection connect(String applicationName) throws SQLException {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", System.getenv().getOrDefault("PGUSER", "postgres"));
        p.setProperty("ApplicationName", applicationName);
        p.setProperty("connectTimeout", "3");
        return DriverManager.getConnection(URL, p);
    }

    private PostgresChangeFeed feed(String applicationName) throws Exception {
        PostgresChangeFeed f = new PostgresChangeFeed(() -> connect(applicationName), channel, Duration.ofMillis(100));
        open.add(f);
        return f;
    }

    private PostgresChangeFeed started(String applicationName, List<String> received) throws Exception {
        PostgresChangeFeed f = feed(applicationName);
        f.subscribe(received::add);
        f.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
        return f;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void aNotifyReachesEveryInstanceWithinOneSecond() throws Exception {
        List<String> a = new CopyOnWriteArrayList<>();
        List<String> b = new CopyOnWriteArrayList<>();
        PostgresChangeFeed first = started(appName + "-a", a);
        started(appName + "-b", b);
        // the first notification pays for the listener threads' class loading and JIT: not the guarantee's business
        first.publish("warm-up").toCompletableFuture().get(5, TimeUnit.SECONDS);
        Propagation.await("the warm-up notification on both listeners", () -> a.contains("warm-up") && b.contains("warm-up"));

        first.publish("key:42").toCompletableFuture().get(5, TimeUnit.SECONDS);
        long committed = System.nanoTime(); // the NOTIFY's transaction committed before publish completed
        Propagation.assertSeenInTime("key:42 on both listeners", committed, () -> a.contains("key:42") && b.contains("key:42"));
    }

    @Test
    void aRevocationOnOneInstanceIsRefusedByTheOtherWithinOneSecond() throws Exception {
        String secret = "sk-sb-revoke-me-0123456789";
        VirtualKeys keys = new VirtualKeys();
        TenantDirectoryTest.MutableSource store = new TenantDirectoryTest.MutableSource(); // the shared database
        VirtualKey key = new VirtualKey(keys.hash(secret), "r", "r", "sk-sb-re…", null, List.of(), List.of(),
                Limits.NONE, null, false, null, Consumption.NONE);
        store.listing.set(new TenantSource.Listing(List.of(), List.of(key)));

        TenantDirectory instanceA = new TenantDirectory(List.of(store), keys, new ManualClock());
        TenantDirectory instanceB = new TenantDirectory(List.of(store), keys, new ManualClock());
        instanceA.refresh();
        instanceB.refresh();
        PostgresChangeFeed feedA = feed(appName + "-a");
        PostgresChangeFeed feedB = feed(appName + "-b");
        List<String> toB = new CopyOnWriteArrayList<>();
        feedB.subscribe(toB::add);
        open.add(DirectoryRefresher.start(instanceA, feedA, Duration.ofMinutes(5)));
        open.add(DirectoryRefresher.start(instanceB, feedB, Duration.ofMinutes(5)));
        feedA.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
        feedB.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(instanceB.authenticate(secret)).isInstanceOf(Lookup.Found.class);
        // once through the notification path (and B's refresh) unmeasured, so the clock sees a warm path
        feedA.publish("warm-up").toCompletableFuture().get(5, TimeUnit.SECONDS);
        Propagation.await("the warm-up notification at instance B", () -> toB.contains("warm-up"));

        store.listing.set(new TenantSource.Listing(List.of(), List.of(new VirtualKey(key.hash(), "r", "r", "sk-sb-re…",
                null, List.of(), List.of(), Limits.NONE, null, true, null, Consumption.NONE))));
        long committed = System.nanoTime(); // instance A revoked the key in the shared database …
        feedA.publish("key:r"); // … and tells the others
        Propagation.assertSeenInTime("the revocation at instance B", committed,
                () -> instanceB.authenticate(secret) instanceof Lookup.Refused r && r.reason() == Lookup.Reason.REVOKED);
    }

    @Test
    void aDroppedConnectionIsReopenedAndListenersAreToldToResync() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        PostgresChangeFeed listener = started(appName, received);
        try (Connection admin = connect("sbtest-admin");
                PreparedStatement kill = admin.prepareStatement(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")) {
            kill.setString(1, appName);
            kill.executeQuery().close();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> received.contains(ChangeFeed.RESYNC));
        listener.publish("after").toCompletableFuture().get(5, TimeUnit.SECONDS);
        // that the reopened connection listens at all; how fast a notification arrives is the first test's question
        Propagation.await("a notification after the reconnect", () -> received.contains("after"));
    }

    @Test
    void channelNamesAreIdentifiersOnly() {
        assertThatThrownBy(() -> new PostgresChangeFeed(() -> null, "x; DROP TABLE keys", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
