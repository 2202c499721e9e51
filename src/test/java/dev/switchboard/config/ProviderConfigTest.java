package dev.switchboard.config;

import static dev.switchboard.config.ConfigLoaderTest.parse;
import static dev.switchboard.config.ConfigLoaderTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The providers section (formats, kinds, base URLs, keys, headers) and the virtual keys declared in the file. */
class ProviderConfigTest {
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
}
