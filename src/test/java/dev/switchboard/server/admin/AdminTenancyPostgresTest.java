package dev.switchboard.server.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.testkit.GatewayTest;
import dev.switchboard.testkit.TestStores;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AdminTenancyPostgresTest extends AdminTenancyContract {
    @Override
    TestStores database() {
        return TestStores.postgres();
    }

    /** Over LISTEN/NOTIFY: what one instance's admin API changes, the other serves within a second. */
    @Test
    void aKeyMadeOrRevokedOnOneInstanceHoldsOnTheOtherWithinASecond() {
        try (GatewayTest other = fx.secondInstance()) {
            var key = newKey("{\"name\":\"shared\"}");
            String secret = key.path("secret").asText();
            String chat = CHAT.formatted("echo");
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).until(() ->
                    other.post("/v1/chat/completions", chat, "authorization", "Bearer " + secret).statusCode() == 200);
            admin.post("/admin/v1/keys/" + key.path("id").asText() + "/revoke", null);
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).until(() ->
                    other.post("/v1/chat/completions", chat, "authorization", "Bearer " + secret).statusCode() == 401);
            assertThat(chat(secret, "echo").statusCode()).isEqualTo(401);
        }
    }
}
