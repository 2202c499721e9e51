package dev.switchboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.GatewayConfig;
import dev.switchboard.resilience.Backoff;
import dev.switchboard.resilience.CircuitBreakerConfig;
import dev.switchboard.resilience.KeyPool;
import dev.switchboard.resilience.RetryBudget;
import dev.switchboard.resilience.RetryPolicy;
import dev.switchboard.routing.Candidate;
import dev.switchboard.routing.ModelResolver;
import dev.switchboard.routing.Route;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each provider's {@code resilience:} settings reach its key pool, breaker config, retry policy and budget. */
class UpstreamsResilienceTest {
    static final String YAML = """
            defaults:
              resilience:
                breaker: { open_max: 1m }
                retry: { budget: 0.5 }
            providers:
              a:
                kind: mock
                keys: [sk-test-aaaaaaaaaaaa, sk-test-bbbbbbbbbbbb]
                resilience:
                  breaker: { consecutive_failures: 2, failure_rate: 0.8, window: 30s, minimum_requests: 4, open: 2s, half_open_probes: 3 }
                  retry: { max_attempts: 5, backoff: 50ms, backoff_max: 400ms, max_server_delay: 3s }
                  keys: { strategy: fill-first, max_cooldown: 2m, exhausted_cooldown: 3h }
              b: { kind: mock }
            models:
              once: { targets: [a/echo-1], resilience: { retry: { max_attempts: 1 } } }
              strict: { targets: [a/echo-1, b/echo-1], resilience: { breaker: { consecutive_failures: 1, open: 30s } } }
              plain: [a/echo-1]
            """;

    final GatewayConfig config = parse();
    final Upstreams upstreams = new Upstreams(config, null, Clock.systemUTC());

    static GatewayConfig parse() {
        try {
            return ConfigLoader.parse(YAML, "t.yaml", Map.of());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void keyPoolGetsItsProvidersKeySettings() {
        assertThat(upstreams.keys("a").config()).isEqualTo(
                new KeyPool.Config(KeyPool.Strategy.FILL_FIRST, Duration.ofMinutes(2), Duration.ofHours(3)));
        assertThat(upstreams.keys("b").config()).isEqualTo(KeyPool.Config.defaults());
    }

    @Test
    void breakerConfigFollowsTheDeploymentsProvider() throws Exception {
        assertThat(upstreams.breakerConfig("a/echo-1")).isEqualTo(new CircuitBreakerConfig(
                2, 0.8, Duration.ofSeconds(30), 12, 4, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(1), 3, 1));
        assertThat(upstreams.breakerConfig("b/some/model"))
                .isEqualTo(CircuitBreakerConfig.defaults().withOpenDuration(Duration.ofSeconds(5), 2.0, Duration.ofMinutes(1)));
        // not configured (e.g. a breaker left from an older snapshot): the defaults section
        assertThat(upstreams.breakerConfig("gone/m")).isEqualTo(upstreams.breakerConfig("b/m"));
        assertThat(new Upstreams(ConfigLoader.parse("providers: { x: { kind: mock } }", "t", Map.of()), null,
                Clock.systemUTC()).breakerConfig("x/m")).isEqualTo(CircuitBreakerConfig.defaults());
    }

    @Test
    void retryPolicyAndOneBudgetPerProvider() {
        assertThat(upstreams.retryPolicy("a")).isEqualTo(new RetryPolicy(5,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)), Duration.ofSeconds(3)));
        assertThat(upstreams.retryPolicy("b")).isEqualTo(RetryPolicy.defaults());
        assertThat(upstreams.retryPolicy("nope")).isNull();
        assertThat(upstreams.retryBudget("a")).isSameAs(upstreams.retryBudget("a"));
        assertThat(upstreams.retryBudget("a")).isNotSameAs(upstreams.retryBudget("b"));
        assertThat(upstreams.retryBudget("a").config()).isEqualTo(new RetryBudget.Config(0.5,
                RetryBudget.Config.defaults().window(), RetryBudget.Config.defaults().windowBuckets(),
                RetryBudget.Config.defaults().minRetriesPerSecond()));
        assertThat(Upstreams.retryBudgetConfig(dev.switchboard.config.ResilienceConfig.DEFAULTS.retry()))
                .isEqualTo(RetryBudget.Config.defaults());
    }

    private Route route(String model) {
        return new ModelResolver(config).resolve(model).orElseThrow();
    }

    @Test
    void aRoutesRetryOverridesApplyOverItsProvider() {
        assertThat(upstreams.retryPolicy("a", route("once"))).isEqualTo(new RetryPolicy(1,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(400)), Duration.ofSeconds(3)));
        assertThat(upstreams.retryPolicy("a", route("once"))).isSameAs(upstreams.retryPolicy("a", route("once")));
        assertThat(upstreams.retryPolicy("a", route("plain"))).isSameAs(upstreams.retryPolicy("a"));
        assertThat(upstreams.retryPolicy("a", route("strict"))).isSameAs(upstreams.retryPolicy("a"));
        assertThat(upstreams.retryPolicy("a", route("a/echo-1"))).isSameAs(upstreams.retryPolicy("a"));
    }

    @Test
    void aRoutesBreakerOverridesGiveItsTargetsBreakersOfTheirOwn() {
        Route strict = route("strict");
        Candidate a = new Candidate("a", "echo-1");
        Candidate b = new Candidate("b", "echo-1");
        assertThat(strict.breakerId(a)).isEqualTo("a/echo-1 via strict");
        assertThat(route("once").breakerId(a)).isEqualTo("a/echo-1"); // retry overrides only: the shared breaker
        assertThat(route("plain").breakerId(a)).isEqualTo("a/echo-1");

        assertThat(upstreams.breakerConfig(strict.breakerId(a))).isEqualTo(new CircuitBreakerConfig(
                1, 0.8, Duration.ofSeconds(30), 12, 4, Duration.ofSeconds(30), 2.0, Duration.ofMinutes(1), 3, 1));
        assertThat(upstreams.breakerConfig(strict.breakerId(b))).isEqualTo(CircuitBreakerConfig.defaults()
                .withConsecutiveFailures(1).withOpenDuration(Duration.ofSeconds(30), 2.0, Duration.ofMinutes(1)));
        // a route that is gone (older snapshot): the provider's settings
        assertThat(upstreams.breakerConfig("a/echo-1 via gone")).isEqualTo(upstreams.breakerConfig("a/echo-1"));
    }
}
