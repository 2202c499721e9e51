package dev.switchboard.config;

import static dev.switchboard.config.ConfigLoaderTest.DESIGN_EXAMPLE;
import static dev.switchboard.config.ConfigLoaderTest.ENV;
import static dev.switchboard.config.ConfigLoaderTest.NO_DNS;
import static dev.switchboard.config.ConfigLoaderTest.parse;
import static dev.switchboard.config.ConfigLoaderTest.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file as a document: YAML structure and syntax errors with their lines, interpolation of ${VARS}, reading it from disk. */
class ConfigFileTest {
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
