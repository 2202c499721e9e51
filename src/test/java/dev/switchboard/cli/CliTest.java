package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int exit = new CommandLine(new Main()).execute(args);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void validateQuickstartMasksKeys() {
        Run r = run("validate", "--config", "examples/quickstart.yaml");
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
        Run r = run("validate", "--config", bad.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("line 3").contains("line 4").contains("line 5").contains("line 7");
    }

    @Test
    void versionPrints() {
        assertThat(run("version").out()).startsWith("switchboard ");
    }

    @Test
    void devModeIsRefusedOffLoopback() {
        Run r = run("run", "--config", "examples/quickstart.yaml", "--listen", "0.0.0.0:0", "--dev");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("loopback");
    }
}
