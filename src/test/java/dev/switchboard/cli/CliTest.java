package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void validateQuickstartMasksKeys() {
        CliRun r = run("validate", "--config", "examples/quickstart.yaml");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("demo").contains("gpt-4o-mini").doesNotContain("sk-sb-demo-0123456789abcdef");
    }

    @Test
    void validateListsEveryProblemAndExitsOne() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                providers:
                  openai:
                    format: openia
                    base_url: http://169.254.169.254/v1
                    keys: ["${MISSING_VAR_FOR_TEST}"]
                models:
                  smart: { targets: [nowhere/model] }
                """);
        CliRun r = run("validate", "--config", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("line 3").contains("line 4").contains("line 5").contains("line 7");
    }

    @Test
    void versionPrints() {
        assertThat(run("version").out()).startsWith("switchboard ");
    }

    @Test
    void devModeIsRefusedOffLoopback() {
        CliRun r = run("run", "--config", "examples/quickstart.yaml", "--listen", "0.0.0.0:0", "--dev");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("loopback");
    }
}
