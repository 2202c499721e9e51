package dev.switchboard.config;

import static dev.switchboard.config.ConfigLoaderTest.parse;
import static dev.switchboard.config.ConfigLoaderTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The models section: targets, routing strategies, weights and session affinity. */
class RoutingConfigTest {
    @Test
    void targetsSplitOnTheFirstSlash() throws Exception {
        GatewayConfig c = parse("""
                providers:
                  openrouter: { base_url: https://openrouter.ai/api/v1, key: sk-or-0123456789 }
                  openai: { base_url: https://api.openai.com/v1 }
                models:
                  claude3: [openrouter/anthropic/claude-3-opus]
                  mixed:
                    targets:
                      - openrouter/meta-llama/llama-3.1-70b/instruct
                      - { provider: openai, model: gpt-4o }
                      - { provider: openrouter, model: openai/gpt-4o }
                    strategy: round-robin
                  single: openai/gpt-4o-mini
                  "gpt-*": { targets: [openai/gpt-4.1], strategy: least-latency }
                """);
        assertThat(c.models().get("claude3").targets())
                .containsExactly(new ModelRoute.Target("openrouter", "anthropic/claude-3-opus"));
        assertThat(c.models().get("claude3").strategy()).isEqualTo(ModelRoute.Strategy.FAILOVER);
        assertThat(c.models().get("mixed").targets()).containsExactly(
                new ModelRoute.Target("openrouter", "meta-llama/llama-3.1-70b/instruct"),
                new ModelRoute.Target("openai", "gpt-4o"),
                new ModelRoute.Target("openrouter", "openai/gpt-4o"));
        assertThat(c.models().get("mixed").strategy()).isEqualTo(ModelRoute.Strategy.ROUND_ROBIN);
        assertThat(c.models().get("single").targets()).containsExactly(new ModelRoute.Target("openai", "gpt-4o-mini"));
        assertThat(c.models().get("gpt-*").strategy()).isEqualTo(ModelRoute.Strategy.LEAST_LATENCY);
        assertThat(c.providers().get("openrouter").keys()).containsExactly("sk-or-0123456789");
    }

    @Test
    void everyStrategyNameIsAccepted() throws Exception {
        GatewayConfig c = parse("""
                providers: { p: { kind: mock } }
                models:
                  a: { targets: [p/m], strategy: failover }
                  b: { targets: [p/m], strategy: round-robin }
                  c: { targets: [p/m], strategy: weighted }
                  d: { targets: [p/m], strategy: least-latency }
                  e: { targets: [p/m], strategy: fill-first }
                """);
        assertThat(c.models().values()).extracting(ModelRoute::strategy).containsExactly(ModelRoute.Strategy.values());
    }

    @Test
    void badTargetsAndStrategiesAreProblems() {
        assertThat(problems("""
                providers: { p: { kind: mock } }
                models:
                  a: { targets: [p], strategy: random }
                  b: { targets: [] }
                  c: { strategy: failover }
                  d: [/m, p/, { provider: p }]
                """)).extracting(ConfigProblem::toString).containsExactly(
                "models.a.targets[0] (line 3): target 'p' must be written provider/model",
                "models.a.strategy (line 3): unknown value 'random'; expected failover | round-robin | weighted | least-latency | fill-first",
                "models.b.targets (line 4): needs at least one target (provider/model)",
                "models.c.targets (line 5): needs at least one target (provider/model)",
                "models.d[0] (line 6): target '/m' must be written provider/model",
                "models.d[1] (line 6): target 'p/' must be written provider/model",
                "models.d[2].model (line 6): missing model");
    }

    @Test
    void weightsAffinityAndItsTtl() throws Exception {
        GatewayConfig c = parse("""
                providers: { p: { kind: mock }, q: { kind: mock } }
                defaults: { affinity_ttl: 20m }
                models:
                  spread:
                    targets: [{ provider: p, model: m, weight: 3 }, q/n]
                    strategy: weighted
                    affinity: false
                  plain: [p/m, q/n]
                """);
        ModelRoute spread = c.models().get("spread");
        assertThat(spread.targets()).containsExactly(new ModelRoute.Target("p", "m", 3), new ModelRoute.Target("q", "n", 1));
        assertThat(spread.affinity()).isFalse();
        assertThat(c.models().get("plain").affinity()).isTrue();
        assertThat(c.defaults().affinityTtl()).isEqualTo(Duration.ofMinutes(20));
        assertThat(parse("providers: { p: { kind: mock } }").defaults().affinityTtl())
                .isEqualTo(DefaultsConfig.DEFAULT_AFFINITY_TTL);
    }

    @Test
    void badWeightsAffinityAndTtlAreProblems() {
        assertThat(problems("""
                providers: { p: { kind: mock } }
                defaults: { affinity_ttl: 0s }
                models:
                  a:
                    targets:
                      - { provider: p, model: m, weight: 0 }
                      - { provider: p, model: n, weight: heavy }
                      - { provider: p, model: o, wieght: 2 }
                    strategy: weighted
                    affinity: maybe
                """)).extracting(ConfigProblem::toString).containsExactly(
                "defaults.affinity_ttl (line 2): must be longer than 0",
                "models.a.targets[0].weight (line 6): must be a whole number from 1 to 1000000",
                "models.a.targets[1].weight (line 7): must be a whole number from 1 to 1000000",
                "models.a.targets[2].wieght (line 8): unknown field 'wieght' under models.a.targets[2] (did you mean 'weight'?)",
                "models.a.affinity (line 10): must be true or false");
    }
}
