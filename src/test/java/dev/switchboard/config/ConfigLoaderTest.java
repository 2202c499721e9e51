package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.Timeouts;
import dev.switchboard.model.WireFormat;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The loader on a whole file (DESIGN.md's example) and how it reports problems. Each section's rules have a
 * test class of their own (ServerConfigTest, ProviderConfigTest, RoutingConfigTest, ResilienceConfigTest,
 * TenancyConfigTest) and the file as a document has ConfigFileTest; the helpers here are theirs too.
 */
class ConfigLoaderTest {
    /** Tests never touch real DNS; every name is "unresolvable", so only literal addresses are judged. */
    static final BaseUrlPolicy.Resolver NO_DNS = host -> {
        throw new UnknownHostException(host);
    };

    static final Map<String, String> ENV = Map.of(
            "SWITCHBOARD_ADMIN_KEY", "admin-0123456789abcdef",
            "OPENAI_API_KEY", "sk-openai-0123456789abcdef",
            "ANTHROPIC_KEY_A", "sk-ant-aaaaaaaaaaaaaaaa",
            "ANTHROPIC_KEY_B", "sk-ant-bbbbbbbbbbbbbbbb",
            "GEMINI_API_KEY", "AIza-gemini-0123456789",
            "SWITCHBOARD_KEY_CI", "sb-ci-0123456789abcdef",
            "EMPTY", "");

    static GatewayConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "test.yaml", ENV, NO_DNS);
    }

    static List<ConfigProblem> problems(String yaml) {
        try {
            parse(yaml);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems, but the config loaded");
    }

    /** The example from DESIGN.md, verbatim apart from indentation. */
    static final String DESIGN_EXAMPLE = """
            server:
              listen: 127.0.0.1:8080
              admin_key: ${SWITCHBOARD_ADMIN_KEY}      # admin API; no default password exists anywhere
            store: sqlite:./data/switchboard.db        # or postgresql://user@host:5432/db
            redis: redis://127.0.0.1:6379              # optional
            providers:
              openai:
                format: openai                         # wire format: openai | anthropic | gemini
                base_url: https://api.openai.com/v1
                keys: ["${OPENAI_API_KEY}"]
                timeouts: { connect: 5s, first_byte: 60s, idle: 120s, total: 30m }   # durations: 250ms, 5s, 10m
              claude:   { format: anthropic, base_url: https://api.anthropic.com, keys: ["${ANTHROPIC_KEY_A}", "${ANTHROPIC_KEY_B}"] }
              gemini:   { format: gemini,    base_url: https://generativelanguage.googleapis.com, keys: ["${GEMINI_API_KEY}"] }
              local:    { format: openai,    base_url: http://127.0.0.1:8081/v1, kind: llamacpp, allow_private: true }
              demo:     { kind: mock }                 # built-in echo provider: works with no key and no network
            models:                                    # names clients may send, besides "<provider>/<model>"
              smart:
                targets: [claude/claude-sonnet-4-5, openai/gpt-4.1]
                strategy: failover                     # failover | round-robin | weighted | least-latency | fill-first
            defaults:                                  # apply to every provider unless it overrides them
              timeouts: { connect: 5s, first_byte: 60s, idle: 120s, total: 30m }
            keys:                                      # virtual keys declared in config (more via admin API)
              - name: ci
                key: ${SWITCHBOARD_KEY_CI}
                models: [smart, "openai/*"]
                limits: { rpm: 600, tpm: 200000, budget_usd: 50, budget_period: month }
            """;

    @Test
    void loadsTheDesignExample() throws Exception {
        GatewayConfig c = parse(DESIGN_EXAMPLE);

        assertThat(c.server().host()).isEqualTo("127.0.0.1");
        assertThat(c.server().port()).isEqualTo(8080);
        assertThat(c.server().adminKey()).isEqualTo("admin-0123456789abcdef");
        assertThat(c.server().limits()).isEqualTo(LimitsConfig.DEFAULTS);
        assertThat(c.server().shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.store()).isEqualTo("sqlite:./data/switchboard.db");
        assertThat(c.redis()).isEqualTo("redis://127.0.0.1:6379");

        assertThat(c.providers()).containsOnlyKeys("openai", "claude", "gemini", "local", "demo");
        assertThat(c.providers().keySet()).containsExactly("openai", "claude", "gemini", "local", "demo");
        ProviderConfig openai = c.providers().get("openai");
        assertThat(openai.format()).isEqualTo(WireFormat.OPENAI);
        assertThat(openai.kind()).isEqualTo(ProviderKind.HTTP);
        assertThat(openai.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(openai.keys()).containsExactly("sk-openai-0123456789abcdef");
        assertThat(openai.timeouts()).isEqualTo(new Timeouts(
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofMinutes(30)));
        assertThat(c.providers().get("claude").format()).isEqualTo(WireFormat.ANTHROPIC);
        assertThat(c.providers().get("claude").keys()).containsExactly("sk-ant-aaaaaaaaaaaaaaaa", "sk-ant-bbbbbbbbbbbbbbbb");
        assertThat(c.providers().get("gemini").format()).isEqualTo(WireFormat.GEMINI);
        ProviderConfig local = c.providers().get("local");
        assertThat(local.kind()).isEqualTo(ProviderKind.LLAMACPP);
        assertThat(local.allowPrivate()).isTrue();
        assertThat(local.keys()).isEmpty();
        ProviderConfig demo = c.providers().get("demo");
        assertThat(demo.kind()).isEqualTo(ProviderKind.MOCK);
        assertThat(demo.baseUrl()).isNull();
        assertThat(demo.format()).isEqualTo(WireFormat.OPENAI);

        ModelRoute smart = c.models().get("smart");
        assertThat(smart.strategy()).isEqualTo(ModelRoute.Strategy.FAILOVER);
        assertThat(smart.targets()).containsExactly(
                new ModelRoute.Target("claude", "claude-sonnet-4-5"), new ModelRoute.Target("openai", "gpt-4.1"));

        assertThat(c.keys()).singleElement().satisfies(k -> {
            assertThat(k.name()).isEqualTo("ci");
            assertThat(k.key()).isEqualTo("sb-ci-0123456789abcdef");
            assertThat(k.models()).containsExactly("smart", "openai/*");
        });
    }

    @Test
    void collectsEveryProblemWithPathAndLine() {
        String yaml = """
                server:
                  listen: 127.0.0.1:80800
                providers:
                  openai:
                    base_url: https://api.openai.com/v1
                    tiemouts: { connect: 5s }
                  claude:
                    format: anthropic
                    base_url: https://api.anthropic.com
                    keys:
                      - ${ANTHROPIC_KEY_A}
                      - ${EMPTY}
                      - ${NOT_SET}
                    timeouts: { connect: soon }
                models:
                  smart: [claude/claude-sonnet-4-5, nobody/gpt-4]
                """;
        List<ConfigProblem> problems = problems(yaml);

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "server.listen (line 2): '127.0.0.1:80800': port must be a number from 0 to 65535",
                "providers.openai.tiemouts (line 6): unknown field 'tiemouts' under providers.openai (did you mean 'timeouts'?)",
                "providers.claude.keys[1] (line 12): empty after interpolation",
                "providers.claude.keys[2] (line 13): environment variable NOT_SET is not set and has no default",
                "providers.claude.timeouts.connect (line 14): invalid duration 'soon': use a whole number with ms, s, m or h (e.g. 250ms, 5s, 10m, 1h), or plain seconds",
                "models.smart[1] (line 16): unknown provider 'nobody' (configured: openai, claude)");
    }

    @Test
    void exceptionMessageListsEveryProblemOnItsOwnLine() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> parse("""
                providers:
                  a: { base_url: "ftp://x.example" }
                  b: { kind: mock, color: red }
                """));
        assertThat(e.source()).isEqualTo("test.yaml");
        assertThat(e.getMessage().lines()).containsExactly(
                "test.yaml: 2 problems",
                "providers.a.base_url (line 2): base_url must be an http:// or https:// URL",
                "providers.b.color (line 3): unknown field 'color' under providers.b");
    }

    @Test
    void unknownFieldsAreReportedEverywhere() {
        List<ConfigProblem> problems = problems("""
                sever: {}
                server:
                  limits: { max_bdy: 1MiB }
                providers:
                  openai:
                    base_url: https://api.openai.com/v1
                    timeouts: { conect: 1s }
                models:
                  smart: { targets: [openai/gpt-4o], stratgy: failover }
                defaults: { timeout: { connect: 1s } }
                keys:
                  - { name: a, key: sk-virtual-0123456789, model: [x] }
                """);
        assertThat(problems).extracting(ConfigProblem::path, ConfigProblem::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sever", 1),
                org.assertj.core.groups.Tuple.tuple("server.limits.max_bdy", 3),
                org.assertj.core.groups.Tuple.tuple("providers.openai.timeouts.conect", 7),
                org.assertj.core.groups.Tuple.tuple("models.smart.stratgy", 9),
                org.assertj.core.groups.Tuple.tuple("defaults.timeout", 10),
                org.assertj.core.groups.Tuple.tuple("keys[0].model", 12));
        assertThat(problems.get(0).message()).isEqualTo("unknown field 'sever' at the top level (did you mean 'server'?)");
        assertThat(problems.get(2).message()).contains("did you mean 'connect'?");
        assertThat(problems.get(4).message()).contains("did you mean 'timeouts'?");
    }

    @Test
    void mockProviderNeedsNoBaseUrlOrKeys() throws Exception {
        GatewayConfig c = parse("providers: { demo: { kind: mock } }");
        assertThat(c.providers().get("demo").baseUrl()).isNull();
        assertThat(c.providers().get("demo").keys()).isEmpty();
        assertThat(c.providers().get("demo").timeouts()).isEqualTo(Timeouts.DEFAULTS);
        assertThat(c.server().listen()).isEqualTo("127.0.0.1:8080");
        assertThat(c.server().adminKey()).isNull();
    }

    @Test
    void mockWithBaseUrlAndHttpWithoutBaseUrlAreProblems() {
        assertThat(problems("""
                providers:
                  demo: { kind: mock, base_url: https://api.example.com }
                  openai:
                    keys: [x]
                  local: { kind: llamacpp }
                """)).extracting(ConfigProblem::toString).containsExactly(
                "providers.demo.base_url (line 2): kind mock does not use base_url; remove it",
                "providers.openai.base_url (line 3): missing: kind http needs base_url",
                "providers.local.base_url (line 5): missing: kind llamacpp needs base_url");
    }
}
