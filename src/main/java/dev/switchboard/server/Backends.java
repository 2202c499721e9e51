package dev.switchboard.server;

import dev.switchboard.config.GatewayConfig;
import dev.switchboard.pipeline.TenantsFromConfig;
import dev.switchboard.resilience.HealthSync;
import dev.switchboard.resilience.SharedHealth;
import dev.switchboard.server.redis.RedisChangeFeed;
import dev.switchboard.server.redis.RedisHealth;
import dev.switchboard.server.redis.RedisLimitCounters;
import dev.switchboard.server.redis.RedisPipeline;
import dev.switchboard.store.Dialect;
import dev.switchboard.store.Store;
import dev.switchboard.store.StoreUrl;
import dev.switchboard.tenancy.ChangeFeed;
import dev.switchboard.tenancy.CredentialCipher;
import dev.switchboard.tenancy.DirectoryRefresher;
import dev.switchboard.tenancy.FallbackLimitCounters;
import dev.switchboard.tenancy.InMemoryLimitCounters;
import dev.switchboard.tenancy.LimitCounters;
import dev.switchboard.tenancy.LocalChangeFeed;
import dev.switchboard.tenancy.PostgresChangeFeed;
import dev.switchboard.tenancy.StoreTenantSource;
import dev.switchboard.tenancy.TenantDirectory;
import dev.switchboard.tenancy.VirtualKeys;
import dev.switchboard.usage.StoreUsageSink;
import dev.switchboard.usage.UsageWriter;
import dev.switchboard.usage.WriterSettings;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stateful services behind the hot path, opened once per process: the store (SQLite or
 * PostgreSQL), the usage writer with its spool, the key → tenant directory and the feed that keeps it
 * current, the limit counters (in memory, or in Redis shared by every instance), the health channel
 * between instances, and the credential cipher. The hot path only ever reads memory; everything that
 * touches a database runs on other threads.
 */
public final class Backends implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);
    /**
     * How long Redis may leave a written admission unanswered before this instance counts on its own,
     * and how long it then counts alone before trying Redis again.
     */
    private static final Duration REDIS_ADMISSION_TIMEOUT = Duration.ofMillis(250);
    private static final Duration REDIS_RETRY = Duration.ofSeconds(1);

    private final Store store;
    private final boolean storeReady;
    private final VirtualKeys virtualKeys;
    private final ChangeFeed changes;
    private final TenantDirectory directory;
    private final DirectoryRefresher refresher;
    private final LimitCounters limits;
    private final UsageWriter usage;
    private final HealthSync health;
    private final CredentialCipher cipher;
    private final Redis redis;
    private final RedisPipeline pipeline;
    private final AtomicReference<GatewayConfig> config;

    private Backends(Store store, boolean storeReady, VirtualKeys virtualKeys, ChangeFeed changes,
            TenantDirectory directory, DirectoryRefresher refresher, LimitCounters limits, UsageWriter usage,
            HealthSync health, CredentialCipher cipher, Redis redis, RedisPipeline pipeline,
            AtomicReference<GatewayConfig> config) {
        this.store = store;
        this.storeReady = storeReady;
        this.virtualKeys = virtualKeys;
        this.changes = changes;
        this.directory = directory;
        this.refresher = refresher;
        this.limits = limits;
        this.usage = usage;
        this.health = health;
        this.cipher = cipher;
        this.redis = redis;
        this.pipeline = pipeline;
        this.config = config;
    }

    /**
     * @param storeUrl the config's {@code store:}, or an override (tests give each gateway its own)
     * @param dataDir  where the usage spool lives (one per instance)
     */
    public static Backends open(GatewayConfig config, String storeUrl, Vertx vertx, Clock clock, Path dataDir) {
        return open(config, storeUrl, vertx, clock, dataDir, System.getenv());
    }

    /** @param env where {@code SWITCHBOARD_MASTER_KEY} is read from */
    public static Backends open(GatewayConfig config, String storeUrl, Vertx vertx, Clock clock, Path dataDir,
            Map<String, String> env) {
        AtomicReference<GatewayConfig> current = new AtomicReference<>(config);
        Store store = Store.open(storeUrl);
        boolean ready = migrate(store);
        Redis redis = config.redis() == null ? null : Redis.createClient(vertx, new RedisOptions()
                .setConnectionString(config.redis()).setMaxPoolSize(16).setMaxPoolWaiting(1024));
        VirtualKeys keys = new VirtualKeys();
        ChangeFeed changes = changeFeed(store, redis);
        TenantDirectory directory = new TenantDirectory(List.of(
                TenantsFromConfig.source(current::get, keys),
                new StoreTenantSource(store, clock, TenantsFromConfig.scopes(config))), keys, clock);
        directory.refresh();
        DirectoryRefresher refresher = DirectoryRefresher.start(directory, changes, Duration.ofSeconds(30));
        LimitCounters local = new InMemoryLimitCounters(clock);
        // limits go through a pipeline of their own: one connection per event loop, not the shared pool
        RedisPipeline pipeline = redis == null ? null
                : new RedisPipeline(vertx, config.redis(), REDIS_ADMISSION_TIMEOUT, REDIS_RETRY);
        LimitCounters limits = pipeline == null ? local : new FallbackLimitCounters(
                new RedisLimitCounters(pipeline, clock, "sb:limits:", Duration.ofMinutes(30)), local);
        UsageWriter usage = UsageWriter.start(new StoreUsageSink(store.usage()),
                WriterSettings.defaults(dataDir.resolve("usage-spool.jsonl")), clock);
        HealthSync health = new HealthSync(redis == null ? SharedHealth.NONE : new RedisHealth(vertx, redis, clock), clock);
        CredentialCipher cipher = CredentialCipher.fromEnvironment(env).orElse(null);
        LOG.info("store {} ({}), limits {}, change feed {}", store, ready ? "ready" : "UNREACHABLE: serving config keys, "
                + "spooling usage", redis == null ? "in memory" : "in Redis", changes.getClass().getSimpleName());
        return new Backends(store, ready, keys, changes, directory, refresher, limits, usage, health, cipher, redis,
                pipeline, current);
    }

    /** A store that cannot be migrated now (PostgreSQL down) still lets the gateway serve its config keys. */
    private static boolean migrate(Store store) {
        try {
            store.migrate();
            return true;
        } catch (RuntimeException e) {
            LOG.error("store {} unavailable at start: {}", store, e.getMessage());
            return false;
        }
    }

    private static ChangeFeed changeFeed(Store store, Redis redis) {
        if (redis != null) {
            RedisChangeFeed feed = new RedisChangeFeed(redis, RedisChangeFeed.DEFAULT_CHANNEL, Duration.ofSeconds(1));
            feed.start();
            return feed;
        }
        if (store.dialect() == Dialect.POSTGRESQL) {
            StoreUrl url = store.url();
            PostgresChangeFeed feed = new PostgresChangeFeed(
                    () -> DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password()),
                    PostgresChangeFeed.DEFAULT_CHANNEL, Duration.ofSeconds(1));
            feed.start();
            return feed;
        }
        return new LocalChangeFeed();
    }

    /** A reloaded config: its keys and projects replace the old ones at once. */
    public void reconfigure(GatewayConfig next) {
        config.set(next);
        refresher.requestRefresh("config reloaded");
    }

    public Store store() {
        return store;
    }

    public boolean storeReady() {
        return storeReady;
    }

    public VirtualKeys virtualKeys() {
        return virtualKeys;
    }

    /** Publish {@code key:<id>} or {@code project:<id>} after a committed change: every instance reloads. */
    public ChangeFeed changes() {
        return changes;
    }

    public TenantDirectory directory() {
        return directory;
    }

    public LimitCounters limits() {
        return limits;
    }

    public UsageWriter usage() {
        return usage;
    }

    public HealthSync health() {
        return health;
    }

    /** The cipher for provider keys at rest; empty without {@code SWITCHBOARD_MASTER_KEY}. */
    public Optional<CredentialCipher> cipher() {
        return Optional.ofNullable(cipher);
    }

    /** After the servers stopped: usage is flushed (or spooled) before the store closes. */
    @Override
    public void close() {
        refresher.close();
        health.close();
        usage.close();
        try {
            changes.close();
        } catch (Exception e) {
            LOG.debug("change feed close: {}", e.toString());
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (redis != null) {
            try {
                redis.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.debug("redis close: {}", e.toString());
            }
        }
        store.close();
    }
}
