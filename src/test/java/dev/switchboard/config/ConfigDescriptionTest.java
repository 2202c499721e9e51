package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDescriptionTest {
    private static final Map<String, String> SECRETS = Map.of(
            "SWITCHBOARD_ADMIN_KEY", "admin-SECRET-0123456789abcdef",
            "OPENAI_API_KEY", "sk-openai-SECRET-0123456789",
            "ANTHROPIC_KEY_A", "sk-ant-SECRET-aaaaaaaaaaaa",
            "ANTHROPIC_KEY_B", "x-SECRET-9",
            "GEMINI_API_KEY", "AIza-SECRET-gemini-0123",
            "SWITCHBOARD_KEY_CI", "sb-ci-SECRET-0123456789",
            "PGPASS", "pg-SECRET-password",
            "REFERER_TOKEN", "Bearer-SECRET-header-value");

    @Test
    void describesEverythingAndMasksEverySecret() throws Exception {
        String yaml = ConfigLoaderTest.DESIGN_EXAMPLE
                .replace("store: sqlite:./data/switchboard.db", "store: postgresql://sb:${PGPASS}@db.example:5432/sb?sslmode=require")
                .replace("redis: redis://127.0.0.1:6379", "redis: redis://:${PGPASS}@127.0.0.1:6379/0")
                + """
                  - name: all
                    key: sb-all-SECRET-0123456789
                """;
        yaml = yaml.replace("  demo:     { kind: mock }",
                "  demo:     { kind: mock, headers: { Authorization: \"${REFERER_TOKEN}\" }, models: [\"demo-*\"] }\n"
                        + "  gem2:     { format: gemini, base_url: \"https://generativelanguage.googleapis.com/v1beta?key=AIza-SECRET-inurl\" }");
        GatewayConfig config = ConfigLoader.parse(yaml, "t", SECRETS, ConfigLoaderTest.NO_DNS);

        String text = ConfigDescription.describe(config);

        assertThat(text).doesNotContain("SECRET");
        for (String secret : SECRETS.values()) {
            assertThat(text).doesNotContain(secret);
        }
        assertThat(text).contains(
                "listen: 127.0.0.1:8080",
                "admin api: enabled, key " + Secrets.mask("admin-SECRET-0123456789abcdef"),
                "store: postgresql://sb:****@db.example:5432/sb?****",
                "redis: redis://:****@127.0.0.1:6379/0",
                "openai: format openai, kind http, base_url https://api.openai.com/v1",
                "keys: " + Secrets.mask("sk-ant-SECRET-aaaaaaaaaaaa") + ", ****",
                "timeouts: connect 5s, first_byte 1m, idle 2m, total 30m",
                "local: format openai, kind llamacpp, base_url http://127.0.0.1:8081/v1, allow_private",
                "demo: format openai, kind mock",
                "headers: Authorization=" + Secrets.mask("Bearer-SECRET-header-value"),
                "models: demo-*",
                "gem2: format gemini, kind http, base_url https://generativelanguage.googleapis.com/v1beta?****",
                "smart [failover] -> claude/claude-sonnet-4-5, openai/gpt-4.1",
                "ci: " + Secrets.mask("sb-ci-SECRET-0123456789") + ", models smart, openai/*",
                "all: " + Secrets.mask("sb-all-SECRET-0123456789") + ", models (all)");
    }

    @Test
    void snapshotToStringNeverContainsSecrets() throws Exception {
        String yaml = ConfigLoaderTest.DESIGN_EXAMPLE.replace("  demo:     { kind: mock }",
                "  demo:     { kind: mock, headers: { Authorization: \"${REFERER_TOKEN}\" } }");
        GatewayConfig config = ConfigLoader.parse(yaml, "t", SECRETS, ConfigLoaderTest.NO_DNS);
        String text = config.toString();
        assertThat(text).contains("demo").contains("api.openai.com").doesNotContain("SECRET");
    }

    @Test
    void minimalConfigDescribesDefaults() throws Exception {
        String text = ConfigDescription.describe(ConfigLoader.parse("providers: { demo: { kind: mock } }", "t", Map.of()));
        assertThat(text).contains(
                "admin api: disabled (no admin_key)",
                "limits: max_body 32MiB, max_header 64KiB, max_json_depth 64, max_sse_line 4MiB",
                "shutdown_grace: 30s",
                "store: sqlite:./data/switchboard.db (default)",
                "redis: (none)",
                "providers (1):",
                "keys: (none)",
                "models (0):",
                "keys (0):");
    }

    @Test
    void maskUrlHidesPasswordsAndQueries() {
        assertThat(ConfigDescription.maskUrl("sqlite:./data/switchboard.db")).isEqualTo("sqlite:./data/switchboard.db");
        assertThat(ConfigDescription.maskUrl("postgresql://user@host:5432/db")).isEqualTo("postgresql://user@host:5432/db");
        assertThat(ConfigDescription.maskUrl("postgresql://user:pw@host/db")).isEqualTo("postgresql://user:****@host/db");
        assertThat(ConfigDescription.maskUrl("jdbc:postgresql://h/db?password=pw")).doesNotContain("pw");
        assertThat(ConfigDescription.maskUrl("not a url with pw@ in it")).doesNotContain("pw");
    }
}
