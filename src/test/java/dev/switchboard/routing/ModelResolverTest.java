package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.config.ConfigLoader;
import dev.switchboard.config.GatewayConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelResolverTest {
    private static final String YAML = """
            providers:
              openai: { base_url: "https://api.openai.com/v1", keys: ["sk-aaaaaaaaaaaaaaaaaaaaaaaa"], models: ["gpt-*"] }
              router: { base_url: "https://openrouter.ai/api/v1", keys: ["sk-bbbbbbbbbbbbbbbbbbbbbbbb"], models: ["*/*"] }
              demo: { kind: mock }
            models:
              smart:
                targets: [openai/gpt-4.1, router/anthropic/claude-sonnet-4.5]
              "fast-*": [demo/*]
              rr:
                targets: [openai/a, openai/b, openai/c]
                strategy: round-robin
            """;

    private final ModelResolver resolver = new ModelResolver(load());

    private static GatewayConfig load() {
        try {
            return ConfigLoader.parse(YAML, "t.yaml", Map.of(), host -> { throw new java.net.UnknownHostException(host); });
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aliasTargetsInOrderWithSlashesInModelNames() {
        assertThat(resolver.resolve("smart").orElseThrow().candidates()).containsExactly(
                new Candidate("openai", "gpt-4.1"), new Candidate("router", "anthropic/claude-sonnet-4.5"));
    }

    @Test
    void globAliasForwardsTheRequestedName() {
        assertThat(resolver.resolve("fast-x").orElseThrow().candidates()).containsExactly(new Candidate("demo", "fast-x"));
    }

    @Test
    void providerSlashModelThenProviderGlobs() {
        assertThat(resolver.resolve("demo/echo-1").orElseThrow().candidates()).containsExactly(new Candidate("demo", "echo-1"));
        assertThat(resolver.resolve("gpt-4o").orElseThrow().candidates()).containsExactly(new Candidate("openai", "gpt-4o"));
        // "meta/llama" is not a provider prefix, so the router's "*/*" glob claims it whole
        assertThat(resolver.resolve("meta/llama").orElseThrow().candidates()).containsExactly(new Candidate("router", "meta/llama"));
    }

    @Test
    void unknownNamesDoNotResolve() {
        assertThat(resolver.resolve("claude-3")).isEmpty();
    }

    @Test
    void roundRobinRotatesTheStart() {
        List<String> firsts = List.of(
                resolver.resolve("rr").orElseThrow().candidates().get(0).upstreamModel(),
                resolver.resolve("rr").orElseThrow().candidates().get(0).upstreamModel(),
                resolver.resolve("rr").orElseThrow().candidates().get(0).upstreamModel());
        assertThat(firsts).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void onlyMultiTargetAliasesWithAffinityOnAreSticky() {
        assertThat(resolver.resolve("smart").orElseThrow().affinity()).isTrue();
        assertThat(resolver.resolve("rr").orElseThrow().affinity()).isTrue();
        assertThat(resolver.resolve("fast-x").orElseThrow().affinity()).isFalse(); // one target
        assertThat(resolver.resolve("openai/gpt-4.1").orElseThrow().affinity()).isFalse();
        assertThat(resolver.resolve("gpt-4o").orElseThrow().affinity()).isFalse();
    }

    @Test
    void leastLatencyAliasesUseTheGivenRanking() throws Exception {
        GatewayConfig config = ConfigLoader.parse("""
                providers: { a: { kind: mock }, b: { kind: mock } }
                models:
                  quick: { targets: [a/m, b/m], strategy: least-latency, affinity: false }
                """, "t.yaml", Map.of(), host -> { throw new java.net.UnknownHostException(host); });
        ModelResolver reversed = new ModelResolver(config, cs -> cs.reversed());
        Route r = reversed.resolve("quick").orElseThrow();
        assertThat(r.candidates()).containsExactly(new Candidate("b", "m"), new Candidate("a", "m"));
        assertThat(r.affinity()).isFalse();
    }
}
