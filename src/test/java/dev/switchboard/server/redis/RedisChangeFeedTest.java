package dev.switchboard.server.redis;

import static org.awaitility.Awaitility.await;

import dev.switchboard.tenancy.ChangeFeed;
import dev.switchboard.testkit.Propagation;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Pub/sub against the real Redis on 127.0.0.1:6379. */
@Tag("redis")
class RedisChangeFeedTest {
    private final LocalRedis redis = new LocalRedis();
    private final String channel = LocalRedis.uniquePrefix() + "changes";
    private final List<RedisChangeFeed> feeds = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void needsRedis() {
        LocalRedis.assumeRunning();
    }

    @AfterEach
    void close() {
        feeds.forEach(RedisChangeFeed::close);
        redis.close();
    }

    private RedisChangeFeed started(List<String> received) throws Exception {
        RedisChangeFeed f = new RedisChangeFeed(redis.client(), channel, Duration.ofMillis(100));
        feeds.add(f);
        f.subscribe(received::add);
        f.start().toCompletableFuture().get(5, TimeUnit.SECONDS);
        return f;
    }

    @Test
    void aPublishReachesEveryInstanceWithinOneSecond() throws Exception {
        List<String> a = new CopyOnWriteArrayList<>();
        List<String> b = new CopyOnWriteArrayList<>();
        RedisChangeFeed first = started(a);
        started(b);
        // the first message pays for the subscriber's class loading and JIT: not the guarantee's business
        first.publish("warm-up").toCompletableFuture().get(5, TimeUnit.SECONDS);
        Propagation.await("the warm-up message on both subscribers", () -> a.contains("warm-up") && b.contains("warm-up"));

        first.publish("project:web").toCompletableFuture().get(5, TimeUnit.SECONDS);
        long committed = System.nanoTime(); // Redis took the PUBLISH before it completed
        Propagation.assertSeenInTime("project:web on both subscribers", committed,
                () -> a.contains("project:web") && b.contains("project:web"));
    }

    @Test
    void aKilledSubscriptionIsReopenedAndListenersAreToldToResync() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        RedisChangeFeed feed = started(received);
        RedisAPI api = redis.api();
        String list = api.client(List.of("LIST", "TYPE", "pubsub")).await().toString();
        String id = list.lines().filter(l -> l.contains(" name=" + feed.clientName() + " "))
                .map(l -> l.substring(3, l.indexOf(' '))).findFirst().orElseThrow();
        Response killed = api.client(List.of("KILL", "ID", id)).await();
        org.assertj.core.api.Assertions.assertThat(killed.toLong()).isEqualTo(1);

        await().atMost(Duration.ofSeconds(5)).until(() -> received.contains(ChangeFeed.RESYNC));
        feed.publish("after").toCompletableFuture().get(5, TimeUnit.SECONDS);
        // that the reopened subscription receives at all; how fast is the first test's question
        Propagation.await("a message after the reconnect", () -> received.contains("after"));
    }
}
