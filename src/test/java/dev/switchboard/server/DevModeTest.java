package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.GatewayTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevModeTest {
    private static final String CONFIG = """
            providers:
              demo: { kind: mock }
            models:
              echo: [demo/echo-1]
            """;
    private static final String CHAT = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"dev\"}]}";

    @Test
    void devModeOnLoopbackAcceptsCallsWithoutAKeyButStillRefusesAWrongOne() {
        try (GatewayTest gw = GatewayTest.start(CONFIG, Map.of(), true)) {
            assertThat(gw.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(200);
            assertThat(gw.post("/v1/chat/completions", CHAT, "authorization", "Bearer sk-not-a-key-0000000000").statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void withoutDevModeAndWithoutKeysEveryCallNeedsAKey() {
        try (GatewayTest gw = GatewayTest.start(CONFIG, Map.of(), false)) {
            assertThat(gw.post("/v1/chat/completions", CHAT).statusCode()).isEqualTo(401);
        }
    }
}
