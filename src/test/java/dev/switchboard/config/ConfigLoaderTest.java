package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.model.Timeouts;
import dev.switchboard.model.WireFormat;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void timeoutsInheritFromDefaultsThenFromBuiltIns() throws Exception {
        GatewayConfig c = parse("""
                defaults:
                  timeouts: { connect: 2s, idle: 45s }
                providers:
                  a: { kind: mock }
                  b: { kind: mock, timeouts: { first_byte: 250ms } }
                """);
        Timeouts defaults = new Timeouts(Duration.ofSeconds(2), Timeouts.DEFAULTS.firstByte(), Duration.ofSeconds(45),
                Timeouts.DEFAULTS.total());
        assertThat(c.defaults().timeouts()).isEqualTo(defaults);
        assertThat(c.providers().get("a").timeouts()).isEqualTo(defaults);
        assertThat(c.providers().get("b").timeouts()).isEqualTo(new Timeouts(
                Duration.ofSeconds(2), Duration.ofMillis(250), Duration.ofSeconds(45), Timeouts.DEFAULTS.total()));
    }

    @Test
    void zeroTimeoutsAreProblems() {
        assertThat(problems("providers: { a: { kind: mock, timeouts: { total: 0s } } }"))
                .extracting(ConfigProblem::toString)
                .containsExactly("providers.a.timeouts.total (line 1): must be longer than 0");
    }

    @Test
    void serverSettingsAndSizes() throws Exception {
        GatewayConfig c = parse("""
                server:
                  listen: "[::1]:9090"
                  admin_key: ${SWITCHBOARD_ADMIN_KEY}
                  limits: { max_body: 8MiB, max_header: 16KiB, max_json_depth: 32, max_sse_line: 1048576 }
                  shutdown_grace: 5
                providers: { demo: { kind: mock } }
                """);
        assertThat(c.server().host()).isEqualTo("::1");
        assertThat(c.server().port()).isEqualTo(9090);
        assertThat(c.server().listen()).isEqualTo("[::1]:9090");
        assertThat(c.server().limits()).isEqualTo(new LimitsConfig(8L << 20, 16 << 10, 32, 1 << 20, LimitsConfig.DEFAULTS.maxConcurrent()));
        assertThat(c.server().shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void badServerSettingsAreProblems() {
        assertThat(problems("""
                server:
                  listen: ::1:8080
                  admin_key: changeme
                  limits: { max_body: 0, max_header: lots, max_json_depth: 0, max_sse_line: 2GiB }
                  shutdown_grace: -1s
                providers: { demo: { kind: mock } }
                """)).extracting(ConfigProblem::path).containsExactly(
                "server.listen", "server.admin_key", "server.limits.max_body", "server.limits.max_header",
                "server.limits.max_json_depth", "server.limits.max_sse_line", "server.shutdown_grace");
    }

    @Test
    void emptyAdminKeyDisablesTheAdminApi() throws Exception {
        GatewayConfig c = parse("""
                server: { admin_key: "${UNSET_ADMIN:-}" }
                providers: { demo: { kind: mock } }
                """);
        assertThat(c.server().adminKey()).isNull();
    }

    @Test
    void aSingleKeyFieldIsAccepted() throws Exception {
        // In a flow mapping ({...}) a placeholder must be quoted, since '{' is YAML syntax there.
        GatewayConfig c = parse("providers: { o: { base_url: https://api.openai.com/v1, key: \"${OPENAI_API_KEY}\" } }");
        assertThat(c.providers().get("o").keys()).containsExactly("sk-openai-0123456789abcdef");
    }

    @Test
    void keyAndKeysTogetherOrEmptyKeysAreProblems() {
        assertThat(problems("""
                providers:
                  a: { base_url: https://a.example, key: abc, keys: [def] }
                  b: { base_url: https://b.example, keys: ["", ~, "${EMPTY}", "with space"] }
                  c:
                    base_url: https://c.example
                    key:
                """)).extracting(ConfigProblem::toString).containsExactly(
                "providers.a.key (line 2): use either key or keys, not both",
                "providers.b.keys[0] (line 3): empty",
                "providers.b.keys[1] (line 3): empty",
                "providers.b.keys[2] (line 3): empty after interpolation",
                "providers.b.keys[3] (line 3): contains whitespace or control characters",
                "providers.c.key (line 6): empty; give a key or remove the field");
    }

    @Test
    void baseUrlTrailingSlashesAreRemoved() throws Exception {
        GatewayConfig c = parse("providers: { o: { base_url: https://api.openai.com/v1// }, p: { base_url: https://x.example/ } }");
        assertThat(c.providers().get("o").baseUrl()).hasToString("https://api.openai.com/v1");
        assertThat(c.providers().get("p").baseUrl()).hasToString("https://x.example");
    }

    @Test
    void privateBaseUrlsNeedAllowPrivateAndMetadataIsAlwaysRefused() {
        assertThat(problems("""
                providers:
                  local: { kind: llamacpp, base_url: http://127.0.0.1:8081 }
                  lan: { base_url: http://localhost:11434/v1 }
                  meta: { base_url: http://0xA9FEA9FE/, allow_private: true }
                  ok: { base_url: http://10.0.0.7:8000/v1, allow_private: true }
                """)).extracting(ConfigProblem::path, ConfigProblem::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("providers.local.base_url", 2),
                org.assertj.core.groups.Tuple.tuple("providers.lan.base_url", 3),
                org.assertj.core.groups.Tuple.tuple("providers.meta.base_url", 4));
    }

    @Test
    void providerFormatsKindsNamesHeadersAndModels() throws Exception {
        GatewayConfig c = parse("""
                providers:
                  groq.fast_1:
                    base_url: https://api.groq.com/openai/v1
                    models: ["llama-*", mixtral-8x7b]
                    headers: { X-Title: Switchboard, HTTP-Referer: "https://${HOST:-example.org}" }
                """);
        ProviderConfig p = c.providers().get("groq.fast_1");
        assertThat(p.models()).containsExactly("llama-*", "mixtral-8x7b");
        assertThat(p.headers()).containsOnly(Map.entry("X-Title", "Switchboard"), Map.entry("HTTP-Referer", "https://example.org"));

        assertThat(problems("""
                providers:
                  Bad_Name: { kind: mock, format: soap }
                  h:
                    kind: grpc
                    allow_private: yes
                    headers: { Host: evil, "bad header": x, X-Ok: "a\\r\\nX-Injected: 1" }
                """)).extracting(ConfigProblem::path).containsExactly(
                "providers.Bad_Name", "providers.Bad_Name.format", "providers.h.kind", "providers.h.allow_private",
                "providers.h.headers.Host", "providers.h.headers.bad header", "providers.h.headers.X-Ok");
    }

    @Test
    void virtualKeyRules() {
        List<ConfigProblem> problems = problems("""
                server: { admin_key: admin-0123456789abcdef }
                providers: { demo: { kind: mock } }
                keys:
                  - { name: ci, key: sb-ci-0123456789abcdef }
                  - { name: ci, key: sb-other-0123456789ab }
                  - { name: dup, key: sb-ci-0123456789abcdef }
                  - { name: short, key: abc123 }
                  - { name: empty, key: "${EMPTY}" }
                  - { name: admin, key: admin-0123456789abcdef }
                  - { key: sb-noname-0123456789 }
                  - { name: nokey }
                  - { name: lim, key: sb-lim-0123456789abcd, limits: { rpm: -1, budget_period: year } }
                  - { name: none, key: sb-none-0123456789abc, models: [] }
                """);
        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "keys[1].name (line 5): duplicate key name 'ci' (also keys[0])",
                "keys[2].key (line 6): same value as keys[0].key; keys must be unique",
                "keys[3].key (line 7): weak secret: use at least 16 random characters (e.g. openssl rand -hex 24)",
                "keys[4].key (line 8): empty after interpolation",
                "keys[5].key (line 9): same value as server.admin_key; use a different secret",
                "keys[6].name (line 10): missing name",
                "keys[7].key (line 11): missing key",
                "keys[8].limits.rpm (line 12): must be a whole number from 1 to 2147483647",
                "keys[8].limits.budget_period (line 12): unknown value 'year'; expected day | week | month",
                "keys[9].models (line 13): empty list; leave models out to allow every model");
        assertThat(problems.toString()).doesNotContain("sb-ci-0123456789abcdef").doesNotContain("admin-0123456789abcdef");
    }

    @Test
    void emptyFilesAndFilesWithoutProvidersAreProblems() {
        assertThat(problems("")).extracting(ConfigProblem::message)
                .containsExactly("no providers configured (the file is empty)");
        assertThat(problems("# only a comment\n")).extracting(ConfigProblem::message)
                .containsExactly("no providers configured (the file is empty)");
        assertThat(problems("server: { listen: 127.0.0.1:8080 }\n")).extracting(ConfigProblem::toString)
                .containsExactly("providers: no providers configured");
        assertThat(problems("server: {}\nproviders: {}\n")).extracting(ConfigProblem::toString)
                .containsExactly("providers (line 2): no providers configured");
        assertThat(problems("providers:\n")).extracting(ConfigProblem::toString)
                .containsExactly("providers (line 1): no providers configured");
        assertThat(problems("providers: [a, b]\n")).extracting(ConfigProblem::message)
                .containsExactly("expected a mapping of names to entries, got a list");
        assertThat(problems("- just\n- a list\n")).extracting(ConfigProblem::message)
                .containsExactly("expected a mapping (key: value), got a list");
    }

    @Test
    void structuralYamlProblemsAreReportedWithLines() {
        assertThat(problems("""
                providers:
                  demo: { kind: mock }
                  demo: { kind: mock }
                """)).extracting(ConfigProblem::toString)
                .containsExactly("providers.demo (line 3): duplicate key 'demo' (first on line 2)");
        assertThat(problems("""
                providers:
                  a: &x { kind: mock }
                  b: *x
                """)).extracting(ConfigProblem::toString)
                .containsExactly("providers.b (line 3): YAML aliases (*x) are not supported; repeat the value");
        assertThat(problems("providers: { demo: { kind: mock } }\n---\nother: 1\n"))
                .extracting(ConfigProblem::message).containsExactly("more than one YAML document; put everything in one");
    }

    @Test
    void syntaxErrorsNameTheLineWithoutQuotingTheFile() {
        List<ConfigProblem> problems = problems("""
                providers:
                  openai:
                    base_url: https://api.openai.com
                    keys: [sk-literal-secret-0123456789
                  claude: {}
                """);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.message()).startsWith("YAML syntax error: ");
            assertThat(p.line()).isBetween(4, 6);
            assertThat(p.message()).doesNotContain("sk-literal-secret").doesNotContain("\n");
        });
    }

    @Test
    void tabsAreReportedOnTheirOwnLine() {
        assertThat(problems("providers:\n  a: {kind: mock}\n\tb: 1\n")).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("TAB");
        });
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "providers:\n  demo: { kind: mock }\nmodels: " + "[".repeat(200) + "]".repeat(200) + "\n";
        assertThat(problems(deep)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("nests deeper than");
        });
    }

    @Test
    void interpolationCannotChangeTheDocumentStructure() throws Exception {
        String hostile = "sk-0123456789abcdef\"},evil:{kind:mock},x:{y:\"";
        GatewayConfig c = ConfigLoader.parse("providers: { o: { base_url: https://a.example, key: \"${K}\" } }",
                "t", Map.of("K", hostile), NO_DNS);
        assertThat(c.providers()).containsOnlyKeys("o");
        assertThat(c.providers().get("o").keys()).containsExactly(hostile);
    }

    @Test
    void storeAndRedisAreKeptAsWrittenAfterInterpolation() throws Exception {
        GatewayConfig c = ConfigLoader.parse("""
                store: postgresql://sb:${PGPASS}@db:5432/sb
                redis: ""
                providers: { demo: { kind: mock } }
                """, "t", Map.of("PGPASS", "pw"), NO_DNS);
        assertThat(c.store()).isEqualTo("postgresql://sb:pw@db:5432/sb");
        assertThat(c.redis()).isNull();
    }

    @Test
    void anInstancesDataDirectoryHoldsTheEmbeddedStoreButNotAConfiguredOne() throws Exception {
        Path data = Path.of("/srv/sb-2");
        GatewayConfig embedded = ConfigLoader.parse("providers: { demo: { kind: mock } }", "t", Map.of(), NO_DNS);
        assertThat(embedded.storeIn(data)).isEqualTo("sqlite:/srv/sb-2/switchboard.db");
        for (String store : List.of("postgresql://sb@db:5432/sb", "sqlite:/var/lib/sb/usage.db")) {
            GatewayConfig configured = ConfigLoader.parse("store: " + store + "\nproviders: { demo: { kind: mock } }",
                    "t", Map.of(), NO_DNS);
            assertThat(configured.storeIn(data)).isEqualTo(store);
        }
    }

    @Test
    void loadsFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("switchboard.yaml");
        Files.writeString(file, DESIGN_EXAMPLE, StandardCharsets.UTF_8);
        GatewayConfig c = ConfigLoader.load(file, ENV, NO_DNS);
        assertThat(c.providers()).hasSize(5);

        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing, ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("file not found");

        Path binary = dir.resolve("bad.yaml");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
        assertThatThrownBy(() -> ConfigLoader.load(binary, ENV))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void missingVariablesNeverLeakOtherValues() {
        List<ConfigProblem> problems = problems("""
                server: { admin_key: "${SWITCHBOARD_ADMIN_KEY}${NOPE}" }
                providers: { demo: { kind: mock } }
                """);
        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "server.admin_key (line 1): environment variable NOPE is not set and has no default");
    }
}
