package dev.switchboard.server.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.resilience.CircuitBreaker;
import dev.switchboard.resilience.CircuitBreakerConfig;
import dev.switchboard.resilience.CircuitBreakerRegistry;
import dev.switchboard.resilience.HealthEvent;
import dev.switchboard.resilience.HealthSync;
import dev.switchboard.resilience.KeyFingerprint;
import dev.switchboard.resilience.KeyPool;
import dev.switchboard.resilience.KeyPool.KeyState;
import dev.switchboard.resilience.KeyPool.Lease;
import dev.switchboard.resilience.SharedHealth;
import dev.switchboard.testkit.Propagation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Key rests and breaker openings shared between two "instances" — independent pools, breakers, syncs and
 * Redis clients — through the real Redis at 127.0.0.1:6379 (skipped when it is not there). How fast an event
 * crosses is asserted once, warm, in {@link #aRateLimitCooldownOnOneInstanceIsHonouredByTheOtherWithinASecond};
 * the other tests are about what arrives, so they wait for it with {@link Propagation#await}'s generous deadline.
 */
@Tag("redis")
class RedisHealthTest {
    static final String REDIS = "redis://127.0.0.1:6379";
    static final String K1 = "sk-test-111111111111111111";
    static final String K2 = "sk-test-222222222222222222";
    static Vertx vertx;
    static Redis admin;

    final String namespace = "switchboard-test-" + UUID.randomUUID();
    final List<Instance> instances = new ArrayList<>();

    @BeforeAll
    static void redisPresent() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 6379), 500);
        } catch (IOException e) {
            Assumptions.assumeTrue(false, "Redis is not reachable at 127.0.0.1:6379 (" + e.getMessage()
                    + "): shared-health tests skipped");
        }
        vertx = Vertx.vertx();
        admin = Redis.createClient(vertx, REDIS);
    }

    @AfterAll
    static void down() {
        if (vertx != null) {
            sync(vertx.close());
        }
    }

    @AfterEach
    void cleanUp() {
        instances.forEach(Instance::close);
        for (String k : keys()) {
            sync(admin.send(Request.cmd(Command.DEL).arg(k)));
        }
    }

    /** Counts what an instance publishes, to prove it never echoes what it applied. */
    static final class Counting implements SharedHealth {
        final SharedHealth inner;
        final AtomicInteger published = new AtomicInteger();

        Counting(SharedHealth inner) {
            this.inner = inner;
        }

        @Override
        public void publish(HealthEvent event) {
            published.incrementAndGet();
            inner.publish(event);
        }

        @Override
        public void start(Consumer<HealthEvent> sink) {
            inner.start(sink);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** One gateway instance: its own Redis client, channel, sync, key pool of provider "p", and breakers. */
    final class Instance {
        final Redis redis = Redis.createClient(vertx, REDIS);
        final RedisHealth health = new RedisHealth(vertx, redis, namespace, Clock.systemUTC());
        final Counting channel = new Counting(health);
        final HealthSync sync = new HealthSync(channel, Clock.systemUTC());
        final List<CircuitBreaker.Transition> transitions = new ArrayList<>();
        final KeyPool pool = new KeyPool(List.of(K1, K2), KeyPool.Config.defaults(), Clock.systemUTC(), sync.keyListener("p"));
        final CircuitBreakerRegistry breakers;

        Instance() {
            CircuitBreaker.Listener share = sync.breakerListener();
            breakers = new CircuitBreakerRegistry(CircuitBreakerConfig.defaults(), Clock.systemUTC(), t -> {
                synchronized (transitions) {
                    transitions.add(t);
                }
                share.onTransition(t);
            });
            sync.bind(Map.of("p", pool)::get, breakers);
            sync.start();
            try {
                health.ready().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("shared health did not start", e);
            }
            instances.add(this);
        }

        KeyPool.KeyStatus key(int index) {
            return pool.status().get(index);
        }

        CircuitBreaker breaker() {
            return breakers.breaker("p/m");
        }

        void openBreaker() {
            openBreaker("p/m");
        }

        void openBreaker(String deployment) {
            for (int i = 0; i < 5; i++) {
                breakers.breaker(deployment).tryAcquire().orElseThrow().onFailure();
            }
            assertThat(breakers.breaker(deployment).state()).isEqualTo(CircuitBreaker.State.OPEN);
        }

        void close() {
            sync.close();
            redis.close();
        }
    }

    @Test
    void aRateLimitCooldownOnOneInstanceIsHonouredByTheOtherWithinASecond() {
        Instance a = new Instance();
        Instance b = new Instance();
        // one event through publish, channel and apply, unmeasured: a cold path is not the guarantee's business
        a.openBreaker("p/warm-up");
        Propagation.await("the warm-up opening at the other instance",
                () -> b.breakers.breaker("p/warm-up").state() == CircuitBreaker.State.OPEN);
        int publishedByA = a.channel.published.get();
        Instant expectedEnd = Instant.now().plusSeconds(30);

        a.pool.cooldown(K1, Duration.ofSeconds(30));
        long committed = System.nanoTime();

        Propagation.assertSeenInTime("the rest at the other instance", committed,
                () -> b.key(0).state() == KeyState.COOLING_DOWN);
        // the rest travels as a remaining time (clocks of instances may disagree): transit time lengthens it a little
        assertThat(b.key(0).until()).isBetween(expectedEnd.minusSeconds(1), expectedEnd.plusSeconds(3));
        assertThat(b.key(0).reason()).isEqualTo("rate limited (shared)");
        for (int i = 0; i < 4; i++) {
            assertThat(b.pool.lease().map(Lease::key)).hasValue(K2);
        }
        assertThat(b.channel.published).hasValue(0); // applied, not published again
        assertThat(a.channel.published).hasValue(publishedByA + 1);
    }

    @Test
    void theStoredEventNamesTheKeyByFingerprintOnly() {
        Instance a = new Instance();
        a.pool.disable(K1, "upstream answered 401 for key " + K1);

        String stored = namespace + ":health:key:p:" + KeyFingerprint.of(K1);
        Propagation.await("the disabled key's event stored in Redis", () -> keys().contains(stored));
        String value = sync(admin.send(Request.cmd(Command.GET).arg(stored))).toString();
        assertThat(value).doesNotContain(K1).contains("\"state\":\"disabled\"").contains("****2222".replace("2222", K1.substring(K1.length() - 4)));
        long ttl = sync(admin.send(Request.cmd(Command.PTTL).arg(stored))).toLong();
        assertThat(ttl).isBetween(Duration.ofMinutes(59).toMillis(), Duration.ofHours(1).toMillis()); // exhausted_cooldown
    }

    @Test
    void aBreakerOpeningIsSharedAndNotEchoed() {
        Instance a = new Instance();
        Instance b = new Instance();

        a.openBreaker();

        Propagation.await("the opening at the other instance", () -> b.breaker().state() == CircuitBreaker.State.OPEN);
        assertThat(b.breaker().snapshot().openUntil()).isCloseTo(a.breaker().snapshot().openUntil(),
                org.assertj.core.api.Assertions.within(500, java.time.temporal.ChronoUnit.MILLIS));
        synchronized (b.transitions) {
            assertThat(b.transitions).singleElement().satisfies(t -> assertThat(t.shared()).isTrue());
        }
        assertThat(b.channel.published).hasValue(0);
        assertThat(a.channel.published).hasValue(1);
        synchronized (a.transitions) {
            assertThat(a.transitions).hasSize(1);
        }
    }

    @Test
    void anInstanceStartedLaterLearnsTheOpeningsAndRestsInForce() {
        Instance a = new Instance();
        a.openBreaker();
        a.pool.exhausted(K2);
        String breakerKey = namespace + ":health:breaker:p/m";
        Propagation.await("both events stored in Redis", () -> keys().contains(breakerKey) && keys().size() == 2);

        Instance late = new Instance(); // ready() = subscribed and the stored events applied

        assertThat(late.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(late.key(1).state()).isEqualTo(KeyState.EXHAUSTED);
        assertThat(late.key(0).state()).isEqualTo(KeyState.AVAILABLE);
        assertThat(late.channel.published).hasValue(0);
    }

    @Test
    void restsExpireHereAndInRedis() {
        Instance a = new Instance();
        Instance b = new Instance();

        a.pool.cooldown(K1, Duration.ofMillis(1500));

        Propagation.await("the short rest at the other instance", () -> b.key(0).state() == KeyState.COOLING_DOWN);
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> b.key(0).state() == KeyState.AVAILABLE);
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> keys().isEmpty()); // Redis forgot it too
        Instance late = new Instance();
        assertThat(late.key(0).state()).isEqualTo(KeyState.AVAILABLE);
    }

    @Test
    void garbageOnTheChannelOrInTheStoreIsIgnored() {
        Instance b = new Instance();
        String channel = namespace + ":health";
        for (String junk : List.of("not json", "{}", "{\"v\":1}", "{\"v\":2,\"from\":\"x\",\"type\":\"breaker\",\"deployment\":\"p/m\",\"ttl_ms\":5000}",
                "{\"v\":1,\"from\":\"x\",\"type\":\"key\",\"provider\":\"p\",\"key\":\"k\",\"state\":\"available\",\"ttl_ms\":5000}",
                "{\"v\":1,\"from\":\"x\",\"type\":\"breaker\",\"deployment\":\"p/m\",\"ttl_ms\":-5}", "x".repeat(10_000))) {
            sync(admin.send(Request.cmd(Command.PUBLISH).arg(channel).arg(junk)));
        }
        sync(admin.send(Request.cmd(Command.SET).arg(namespace + ":health:breaker:p/forever")
                .arg("{\"v\":1,\"from\":\"x\",\"type\":\"breaker\",\"deployment\":\"p/forever\",\"ttl_ms\":5000}")));
        // a real event after the junk still arrives
        sync(admin.send(Request.cmd(Command.PUBLISH).arg(channel)
                .arg("{\"v\":1,\"from\":\"peer\",\"type\":\"breaker\",\"deployment\":\"p/other\",\"ttl_ms\":5000}")));

        Propagation.await("the real event after the junk", () -> b.breakers.breaker("p/other").state() == CircuitBreaker.State.OPEN);
        assertThat(b.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
        Instance late = new Instance();
        assertThat(late.breakers.breaker("p/forever").state()).isEqualTo(CircuitBreaker.State.CLOSED); // no TTL: not ours
    }

    @Test
    void aLostSubscriptionReconnectsAndCatchesUpFromTheStore() {
        Instance a = new Instance();
        Instance b = new Instance();
        String clients = sync(admin.send(Request.cmd(Command.CLIENT).arg("LIST").arg("TYPE").arg("pubsub"))).toString();
        String id = clients.lines().filter(l -> l.contains("name=" + b.health.clientName() + " "))
                .map(l -> l.substring(3, l.indexOf(' '))).findFirst().orElseThrow();

        sync(admin.send(Request.cmd(Command.CLIENT).arg("KILL").arg("ID").arg(id)));
        a.pool.cooldown(K1, Duration.ofSeconds(30)); // published while b may be away: b reads it back from the store

        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> b.key(0).state() == KeyState.COOLING_DOWN);
        a.openBreaker(); // and pushes reach b again
        Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> b.breaker().state() == CircuitBreaker.State.OPEN);
    }

    private List<String> keys() {
        Response r = sync(admin.send(Request.cmd(Command.KEYS).arg(namespace + ":*")));
        List<String> out = new ArrayList<>();
        r.forEach(k -> out.add(k.toString()));
        return out;
    }

    private static <T> T sync(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
