package dev.switchboard.server.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.resilience.HealthEvent;
import dev.switchboard.resilience.KeyPool.KeyState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RedisHealthMessagesTest {
    static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void eventsTravelAsRemainingTimeAndComeBackWhole() {
        HealthEvent key = new HealthEvent.KeySetAside("openai", "00ff", KeyState.EXHAUSTED, NOW.plusSeconds(60), "quota exhausted");
        String text = RedisHealthMessages.encode("me", key, 60_000);
        assertThat(text).contains("\"ttl_ms\":60000").doesNotContain("2026");

        Instant later = NOW.plusSeconds(7); // the receiver's clock, whatever it says
        assertThat(RedisHealthMessages.decode(text, -1, later)).hasValue(new RedisHealthMessages.Received("me",
                new HealthEvent.KeySetAside("openai", "00ff", KeyState.EXHAUSTED, later.plusSeconds(60), "quota exhausted")));
        // a stored copy: Redis's PTTL wins over the ttl written when it was stored
        assertThat(RedisHealthMessages.decode(text, 1_500, later)).get().extracting(m -> m.event().until())
                .isEqualTo(later.plusMillis(1_500));

        HealthEvent breaker = new HealthEvent.BreakerOpened("openrouter/anthropic/claude-3 via careful", NOW.plusSeconds(5));
        assertThat(RedisHealthMessages.decode(RedisHealthMessages.encode("me", breaker, 5_000), -1, NOW))
                .get().extracting(RedisHealthMessages.Received::event).isEqualTo(breaker);
    }

    @Test
    void eachKeyAndDeploymentHasItsOwnStorageKey() {
        assertThat(RedisHealthMessages.storageKey("ns:health:",
                new HealthEvent.KeySetAside("p", "abc", KeyState.COOLING_DOWN, NOW, null))).isEqualTo("ns:health:key:p:abc");
        assertThat(RedisHealthMessages.storageKey("ns:health:", new HealthEvent.BreakerOpened("p/m", NOW)))
                .isEqualTo("ns:health:breaker:p/m");
    }

    @Test
    void anythingMalformedIsDropped() {
        String[] bad = {
            null, "", "[]", "not json", "{\"v\":1}", "x".repeat(5000),
            "{\"v\":2,\"from\":\"x\",\"type\":\"breaker\",\"deployment\":\"p/m\",\"ttl_ms\":5000}",
            "{\"v\":1,\"type\":\"breaker\",\"deployment\":\"p/m\",\"ttl_ms\":5000}",
            "{\"v\":1,\"from\":\"x\",\"type\":\"breaker\",\"ttl_ms\":5000}",
            "{\"v\":1,\"from\":\"x\",\"type\":\"breaker\",\"deployment\":\"p/m\",\"ttl_ms\":0}",
            "{\"v\":1,\"from\":\"x\",\"type\":\"breaker\",\"deployment\":\"p/m\",\"ttl_ms\":\"soon\"}",
            "{\"v\":1,\"from\":\"x\",\"type\":\"breaker\",\"deployment\":{\"a\":1},\"ttl_ms\":5000}",
            "{\"v\":1,\"from\":\"x\",\"type\":\"door\",\"deployment\":\"p/m\",\"ttl_ms\":5000}",
            "{\"v\":1,\"from\":\"x\",\"type\":\"key\",\"provider\":\"p\",\"key\":\"k\",\"state\":\"available\",\"ttl_ms\":5000}",
            "{\"v\":1,\"from\":\"x\",\"type\":\"key\",\"provider\":\"p\",\"key\":\"k\",\"state\":\"melted\",\"ttl_ms\":5000}",
            "{\"v\":1,\"from\":\"x\",\"type\":\"key\",\"provider\":\"p\",\"state\":\"cooling_down\",\"ttl_ms\":5000}",
            "{\"v\":1,\"from\":\"x\",\"type\":\"breaker\",\"deployment\":\"" + "d".repeat(600) + "\",\"ttl_ms\":5000}",
        };
        for (String text : bad) {
            assertThat(RedisHealthMessages.decode(text, -1, NOW)).as(String.valueOf(text)).isEmpty();
        }
    }

    @Test
    void aHugeTtlIsCappedAtADay() {
        String text = "{\"v\":1,\"from\":\"x\",\"type\":\"breaker\",\"deployment\":\"p/m\",\"ttl_ms\":999999999999}";
        assertThat(RedisHealthMessages.decode(text, -1, NOW)).get().extracting(m -> m.event().until())
                .isEqualTo(NOW.plus(RedisHealthMessages.MAX_TTL));
    }
}
