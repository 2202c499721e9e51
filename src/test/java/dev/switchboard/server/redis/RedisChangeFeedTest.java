package dev.switchboard.server.redis;

import static org.awaitility.Awaitility.await;

import dev.switchboard.tenancy.ChangeFeed;
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
        first.publish("project:web").toCompletableFuture().get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(1)).until(() -> a.contains("project:web") && b.contains("project:web"));
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
        await().atMost(Duration.ofSeconds(1)).until(() -> received.contains("after"));
    }
}
