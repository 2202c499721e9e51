package dev.switchboard.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.GatewayTest;
import dev.switchboard.testkit.Propagation;
import dev.switchboard.testkit.TestStores;
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
            // A fresh instance's first requests pay for its connections, threads and first refusal: a whole key's
            // life once through it, unmeasured, so that the clock below sees the propagation only.
            JsonNode warmUp = newKey("{\"name\":\"warm-up\"}");
            Propagation.await("the warm-up key served by the other instance", () -> status(other, warmUp) == 200);
            revoke(warmUp);
            Propagation.await("the warm-up key refused by the other instance", () -> status(other, warmUp) == 401);

            JsonNode key = newKey("{\"name\":\"shared\"}");
            long created = System.nanoTime(); // the 201 comes after the key's commit
            Propagation.assertSeenInTime("the new key served by the other instance", created, () -> status(other, key) == 200);
            long revoked = revoke(key);
            Propagation.assertSeenInTime("the revoked key refused by the other instance", revoked, () -> status(other, key) == 401);
            assertThat(chat(key.path("secret").asText(), "echo").statusCode()).isEqualTo(401);
        }
    }

    /** Revokes {@code key} through this instance's admin API: {@link System#nanoTime()} once it was committed. */
    private long revoke(JsonNode key) {
        AdminClient.Reply r = admin.post("/admin/v1/keys/" + key.path("id").asText() + "/revoke", null);
        long committed = System.nanoTime();
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return committed;
    }

    private static int status(GatewayTest instance, JsonNode key) {
        return instance.post("/v1/chat/completions", CHAT.formatted("echo"), "authorization",
                "Bearer " + key.path("secret").asText()).statusCode();
    }
}
