package dev.switchboard.testkit;

import dev.switchboard.store.Dialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Store URLs for repository tests: a SQLite file in a fresh temp directory, or a fresh schema in the
 * real PostgreSQL at 127.0.0.1:5432 (database {@code test}, trust auth, user postgres or root). The
 * PostgreSQL variant skips the test, saying why, when no server answers. {@link #close()} drops it all.
 */
public final class TestStores implements AutoCloseable {
    /** Where the test PostgreSQL listens; {@code -Dswitchboard.test.postgres=host:port} points elsewhere. */
    public static final String PG_HOST_PORT = System.getProperty("switchboard.test.postgres", "127.0.0.1:5432");
    private static final String[] PG_USERS = {"postgres", "root"};

    private final Dialect dialect;
    private final String url;
    private final Path dir;
    private final String pgUser;
    private final String schema;

    private TestStores(Dialect dialect, String url, Path dir, String pgUser, String schema) {
        this.dialect = dialect;
        this.url = url;
        this.dir = dir;
        this.pgUser = pgUser;
        this.schema = schema;
    }

    public static TestStores create(Dialect dialect) {
        return dialect == Dialect.SQLITE ? sqlite() : postgres();
    }

    public static TestStores sqlite() {
        try {
            Path dir = Files.createTempDirectory("sb-store-");
            return new TestStores(Dialect.SQLITE, "sqlite:" + dir.resolve("nested/switchboard.db"), dir, null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh schema in the local PostgreSQL; skips the calling test when none is reachable. */
    public static TestStores postgres() {
        String user = reachablePostgresUser();
        Assumptions.assumeTrue(user != null, "PostgreSQL not reachable at " + PG_HOST_PORT
                + " (db test, users postgres/root, trust auth): skipping the PostgreSQL variant");
        String schema = "sb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        execute(user, "CREATE SCHEMA " + schema);
        return new TestStores(Dialect.POSTGRESQL,
                "postgresql://" + user + "@" + PG_HOST_PORT + "/test?currentSchema=" + schema, null, user, schema);
    }

    /** The same store reached through another host:port (e.g. a test proxy that can cut the connection). */
    public String urlVia(String hostPort) {
        return url.replace(PG_HOST_PORT, hostPort);
    }

    private static String reachablePostgresUser() {
        for (String user : PG_USERS) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST_PORT
                    + "/test?connectTimeout=2", user, null)) {
                return user;
            } catch (SQLException e) {
                // try the next user, then give up
            }
        }
        return null;
    }

    private static void execute(String user, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + PG_HOST_PORT + "/test", user, null);
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** Runs test-setup statements (fixed SQL written in the test, never input) straight against the database. */
    public void sql(String... statements) {
        String jdbc = dialect == Dialect.SQLITE ? "jdbc:" + url : "jdbc:postgresql://" + PG_HOST_PORT
                + "/test?currentSchema=" + schema;
        try (Connection c = DriverManager.getConnection(jdbc, pgUser, null); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.executeUpdate(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        if (schema != null) {
            execute(pgUser, "DROP SCHEMA " + schema + " CASCADE");
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temp dir left behind is harmless
            }
        }
    }
}
