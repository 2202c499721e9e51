package dev.switchboard.config;

import static dev.switchboard.config.ConfigLoaderTest.parse;
import static dev.switchboard.config.ConfigLoaderTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code resilience:} under defaults, providers and model routes: inheritance and every problem. */
class ResilienceConfigTest {

    @Test
    void withoutAnySettingEveryProviderHasTodaysDefaults() throws Exception {
        GatewayConfig c = parse("providers: { demo: { kind: mock } }\nmodels: { m: [demo/echo-1] }");
        assertThat(c.defaults().resilience()).isEqualTo(ResilienceConfig.DEFAULTS);
        ResilienceConfig r = c.providers().get("demo").resilience();
        assertThat(r).isEqualTo(ResilienceConfig.DEFAULTS);
        assertThat(r.breaker()).isEqualTo(new ResilienceConfig.Breaker(5, 0.5, Duration.ofSeconds(60), 20,
                Duration.ofSeconds(5), Duration.ofMinutes(5), 1));
        assertThat(r.retry()).isEqualTo(new ResilienceConfig.Retry(3, Duration.ofMillis(200), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 0.2));
        assertThat(r.keys()).isEqualTo(new ResilienceConfig.Keys(ResilienceConfig.KeyStrategy.ROUND_ROBIN,
                Duration.ofMinutes(15), Duration.ofHours(1)));
        assertThat(c.models().get("m").resilience()).isEqualTo(ResilienceConfig.INHERIT);
    }

    static final String LAYERED = """
            defaults:
              resilience:
                breaker: { consecutive_failures: 3, open: 10s }
                retry: { max_attempts: 2, budget: 0.1 }
                keys: { exhausted_cooldown: 2h }
            providers:
              a:
                kind: mock
                resilience:
                  breaker: { failure_rate: 0.25, window: 2m, minimum_requests: 10, open_max: 1m, half_open_probes: 2 }
                  retry: { backoff: 100ms, backoff_max: 1s, max_server_delay: 0s }
                  keys: { strategy: fill-first, max_cooldown: 1m }
              b: { kind: mock }
            models:
              careful:
                targets: [a/echo-1, b/echo-1]
                resilience:
                  breaker: { consecutive_failures: 1 }
                  retry: { max_attempts: 1 }
              plain: [a/echo-1]
            """;

    @Test
    void providersOverrideFieldByFieldAndInheritTheRestFromDefaults() throws Exception {
        GatewayConfig c = parse(LAYERED);
        ResilienceConfig d = c.defaults().resilience();
        assertThat(d.breaker().consecutiveFailures()).isEqualTo(3);
        assertThat(d.breaker().open()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.breaker().openMax()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.retry().maxAttempts()).isEqualTo(2);
        assertThat(d.retry().budget()).isEqualTo(0.1);
        assertThat(d.keys().exhaustedCooldown()).isEqualTo(Duration.ofHours(2));

        ResilienceConfig a = c.providers().get("a").resilience();
        assertThat(a.breaker()).isEqualTo(new ResilienceConfig.Breaker(3, 0.25, Duration.ofMinutes(2), 10,
                Duration.ofSeconds(10), Duration.ofMinutes(1), 2));
        assertThat(a.retry()).isEqualTo(new ResilienceConfig.Retry(2, Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ZERO, 0.1));
        assertThat(a.keys()).isEqualTo(new ResilienceConfig.Keys(ResilienceConfig.KeyStrategy.FILL_FIRST,
                Duration.ofMinutes(1), Duration.ofHours(2)));

        assertThat(c.providers().get("b").resilience()).isEqualTo(d);
    }

    @Test
    void aRouteStoresOnlyItsOverridesAndLaysThemOverEachProvider() throws Exception {
        GatewayConfig c = parse(LAYERED);
        ModelRoute careful = c.models().get("careful");
        assertThat(careful.resilience()).isEqualTo(new ResilienceConfig(
                new ResilienceConfig.Breaker(1, null, null, null, null, null, null),
                new ResilienceConfig.Retry(1, null, null, null, null),
                ResilienceConfig.Keys.INHERIT));
        ResilienceConfig viaA = careful.resilienceOver(c.providers().get("a"));
        assertThat(viaA.breaker().consecutiveFailures()).isEqualTo(1);
        assertThat(viaA.breaker().failureRate()).isEqualTo(0.25); // a's own
        assertThat(viaA.retry().maxAttempts()).isEqualTo(1);
        assertThat(viaA.retry().backoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(viaA.keys()).isEqualTo(c.providers().get("a").resilience().keys());
        ResilienceConfig viaB = careful.resilienceOver(c.providers().get("b"));
        assertThat(viaB.breaker().failureRate()).isEqualTo(0.5); // b inherits the defaults
        assertThat(viaB.retry().budget()).isEqualTo(0.1);
        assertThat(c.models().get("plain").resilience().inherits()).isTrue();
    }

    @Test
    void validateDescribesEachProvidersSettingsAndRouteOverrides() throws Exception {
        String text = ConfigDescription.describe(parse(LAYERED));
        assertThat(text).contains("    resilience: breaker: consecutive_failures 3, failure_rate 0.25, window 2m, "
                        + "minimum_requests 10, open 10s, open_max 1m, half_open_probes 2; retry: max_attempts 2, "
                        + "backoff 100ms, backoff_max 1s, max_server_delay 0s, budget 0.1; keys: strategy fill-first, "
                        + "max_cooldown 1m, exhausted_cooldown 2h\n")
                .contains("    resilience: breaker: consecutive_failures 3, failure_rate 0.5, window 1m, "
                        + "minimum_requests 20, open 10s, open_max 5m, half_open_probes 1; retry: max_attempts 2, "
                        + "backoff 200ms, backoff_max 5s, max_server_delay 10s, budget 0.1; keys: strategy round-robin, "
                        + "max_cooldown 15m, exhausted_cooldown 2h\n")
                .contains("  careful [failover] -> a/echo-1, b/echo-1\n"
                        + "    resilience overrides: breaker: consecutive_failures 1; retry: max_attempts 1\n")
                .doesNotContain("  plain [failover] -> a/echo-1\n    resilience");
    }

    @Test
    void everyBadValueIsAProblemWithPathAndLine() {
        assertThat(problems("""
                defaults:
                  resilience:
                    breaker:
                      consecutive_failures: 0
                      failure_rate: 0
                      window: 500ms
                      minimum_requests: many
                      open: 0s
                      open_max: soon
                      half_open_probes: -1
                    retry:
                      max_attempts: 11
                      backoff: fast
                      backoff_max: 1.5s
                      max_server_delay: -1s
                      budget: 1.5
                    keys:
                      strategy: random
                      max_cooldown: 0s
                      exhausted_cooldown: 0
                providers: { demo: { kind: mock } }
                """)).extracting(ConfigProblem::toString).containsExactly(
                "defaults.resilience.breaker.consecutive_failures (line 4): must be a whole number from 1 to 1000000",
                "defaults.resilience.breaker.failure_rate (line 5): must be a number greater than 0 and at most 1",
                "defaults.resilience.breaker.window (line 6): must be at least 1s",
                "defaults.resilience.breaker.minimum_requests (line 7): must be a whole number from 1 to 1000000",
                "defaults.resilience.breaker.open (line 8): must be longer than 0",
                "defaults.resilience.breaker.open_max (line 9): invalid duration 'soon': use a whole number with ms, s, m or h (e.g. 250ms, 5s, 10m, 1h), or plain seconds",
                "defaults.resilience.breaker.half_open_probes (line 10): must be a whole number from 1 to 10000",
                "defaults.resilience.retry.max_attempts (line 12): must be a whole number from 1 to 10",
                "defaults.resilience.retry.backoff (line 13): invalid duration 'fast': use a whole number with ms, s, m or h (e.g. 250ms, 5s, 10m, 1h), or plain seconds",
                "defaults.resilience.retry.backoff_max (line 14): invalid duration '1.5s': use a whole number with ms, s, m or h (e.g. 250ms, 5s, 10m, 1h), or plain seconds",
                "defaults.resilience.retry.max_server_delay (line 15): invalid duration '-1s': use a whole number with ms, s, m or h (e.g. 250ms, 5s, 10m, 1h), or plain seconds",
                "defaults.resilience.retry.budget (line 16): must be a number from 0 to 1",
                "defaults.resilience.keys.strategy (line 18): unknown value 'random'; expected round-robin | fill-first",
                "defaults.resilience.keys.max_cooldown (line 19): must be longer than 0",
                "defaults.resilience.keys.exhausted_cooldown (line 20): must be longer than 0");
    }

    @Test
    void unknownFieldsAndWrongShapesAreProblemsWithAHint() {
        assertThat(problems("""
                defaults:
                  resilence: {}
                providers:
                  demo:
                    kind: mock
                    resilience:
                      breaker: { consecutive_failure: 2 }
                      retrys: { max_attempts: 2 }
                      keys: fill-first
                models:
                  m:
                    targets: [demo/echo-1]
                    resilience: { retry: { max_atempts: 2, budget: 0.5 }, keys: { strategy: fill-first } }
                """)).extracting(ConfigProblem::toString).containsExactly(
                "defaults.resilence (line 2): unknown field 'resilence' under defaults (did you mean 'resilience'?)",
                "providers.demo.resilience.breaker.consecutive_failure (line 7): unknown field 'consecutive_failure' under providers.demo.resilience.breaker (did you mean 'consecutive_failures'?)",
                "providers.demo.resilience.retrys (line 8): unknown field 'retrys' under providers.demo.resilience (did you mean 'retry'?)",
                "providers.demo.resilience.keys (line 9): expected a mapping (key: value), got a scalar",
                "models.m.resilience.retry.max_atempts (line 13): unknown field 'max_atempts' under models.m.resilience.retry (did you mean 'max_attempts'?)",
                "models.m.resilience.retry.budget (line 13): the retry budget is shared by all calls to a provider: set it under providers.<name>.resilience.retry",
                "models.m.resilience.keys (line 13): key settings belong to a provider: set them under providers.<name>.resilience.keys");
    }

    @Test
    void ceilingsMustNotBeBelowTheirStartEvenAcrossLevels() {
        assertThat(problems("""
                defaults:
                  resilience:
                    breaker: { open: 10s, open_max: 5s }
                providers:
                  a:
                    kind: mock
                    resilience:
                      breaker: { open: 10m }
                      retry: { backoff_max: 100ms }
                  b:
                    kind: mock
                    resilience: { retry: { backoff: 1s, backoff_max: 500ms } }
                  c:
                    kind: mock
                    resilience: { breaker: { open_max: 1m } }
                models:
                  m:
                    targets: [c/echo-1, a/echo-1]
                    resilience: { breaker: { open: 2m } }
                """)).extracting(ConfigProblem::toString).containsExactly(
                "defaults.resilience.breaker.open_max (line 3): must not be shorter than open (10s)",
                "providers.a.resilience.breaker.open (line 8): is longer than open_max (5m); raise open_max as well",
                "providers.a.resilience.retry.backoff_max (line 9): must not be shorter than backoff (200ms)",
                "providers.b.resilience.retry.backoff_max (line 12): must not be shorter than backoff (1s)",
                "models.m.resilience.breaker.open (line 19): is longer than open_max (1m) (inherited from provider c); raise open_max as well");
    }
}
