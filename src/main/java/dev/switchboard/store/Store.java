package dev.switchboard.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The database behind tenancy and accounting: a connection pool, the Flyway migrations of its
 * dialect, and the repositories. Open once at start, {@link #migrate()}, hand the repositories out,
 * {@link #close()} at shutdown.
 *
 * <pre>{@code
 * try (Store store = Store.open("sqlite:./data/switchboard.db")) {
 *     store.migrate();
 *     store.projects().insert(...);
 * }
 * }</pre>
 */
public final class Store implements AutoCloseable {
    private final StoreUrl url;
    private final HikariDataSource pool;
    private final ProjectRepository projects;
    private final KeyRepository keys;
    private final CredentialRepository credentials;
    private final UsageRepository usage;
    private final RequestLogRepository requestLog;
    private final AuditRepository audit;

    private Store(StoreUrl url, HikariDataSource pool) {
        this.url = url;
        this.pool = pool;
        Jdbc jdbc = new Jdbc(pool, url.dialect());
        this.projects = new ProjectRepository(jdbc);
        this.keys = new KeyRepository(jdbc);
        this.credentials = new CredentialRepository(jdbc);
        this.usage = new UsageRepository(jdbc);
        this.requestLog = new RequestLogRepository(jdbc);
        this.audit = new AuditRepository(jdbc);
    }

    /** Opens a pool for {@code url} (see {@link StoreUrl}) with default options; does not migrate. */
    public static Store open(String url) {
        StoreUrl parsed = StoreUrl.parse(url);
        return open(parsed, StoreOptions.defaults(parsed.dialect()));
    }

    /**
     * Opens a pool. Connections are made lazily: opening succeeds while PostgreSQL is down, so the
     * gateway can start and serve known keys (and spool usage) until it returns.
     */
    public static Store open(StoreUrl url, StoreOptions options) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("switchboard-store");
        config.setMaximumPoolSize(options.maxPoolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(Math.max(250, options.connectTimeout().toMillis()));
        config.setValidationTimeout(Math.max(250, Math.min(options.connectTimeout().toMillis(), 5000)));
        config.setInitializationFailTimeout(-1);
        if (url.dialect() == Dialect.SQLITE) {
            config.setDataSource(sqlite(url.sqliteFile(), options));
        } else {
            config.setJdbcUrl(url.jdbcUrl());
            config.setUsername(url.user());
            config.setPassword(url.password());
            config.addDataSourceProperty("connectTimeout", Math.max(1, options.connectTimeout().toSeconds()));
            config.addDataSourceProperty("ApplicationName", "switchboard");
        }
        return new Store(url, new HikariDataSource(config));
    }

    private static DataSource sqlite(Path file, StoreOptions options) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + file, e);
        }
        SQLiteConfig config = new SQLiteConfig();
        // WAL: readers never block the writer; NORMAL sync is durable across process crashes (kill -9),
        // and only the last transactions can be lost on power loss.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout((int) options.busyTimeout().toMillis());
        config.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file);
        return ds;
    }

    /** Applies pending migrations of this dialect; returns how many ran. Safe to call on every start. */
    public int migrate() {
        return migrateTo("latest");
    }

    /** Applies pending migrations up to {@code version} ("latest" for all); upgrade tests start from an older one. */
    int migrateTo(String version) {
        MigrateResult result = Flyway.configure()
                .dataSource(pool)
                .locations(url.dialect().migrationLocation())
                .target(version)
                .load()
                .migrate();
        return result.migrationsExecuted;
    }

    /** True when a connection can be had and answers a trivial query right now. */
    public boolean ping() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    public Dialect dialect() {
        return url.dialect();
    }

    public StoreUrl url() {
        return url;
    }

    public ProjectRepository projects() {
        return projects;
    }

    public KeyRepository keys() {
        return keys;
    }

    public CredentialRepository credentials() {
        return credentials;
    }

    public UsageRepository usage() {
        return usage;
    }

    public RequestLogRepository requestLog() {
        return requestLog;
    }

    public AuditRepository audit() {
        return audit;
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public String toString() {
        return "Store[" + url + "]";
    }
}
