package dev.switchboard.config;

import static dev.switchboard.config.ConfigLoaderTest.parse;
import static dev.switchboard.config.ConfigLoaderTest.problems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.Timeouts;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The server and defaults sections: listen address, sizes, admin key, and timeouts with their inheritance. */
class ServerConfigTest {
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
}
