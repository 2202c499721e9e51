package dev.switchboard.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.admin.AdminClient.Reply;
import dev.switchboard.testkit.GatewayTest;
import dev.switchboard.testkit.TestStores;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the admin API does when the config or the environment leaves something out. */
class AdminSetupTest {
    @Test
    void withoutAnAdminKeyTheApiIsDisabled() {
        try (GatewayTest gw = GatewayTest.start(GatewayTest.standardConfig(), Map.of("FAKE_URL", "http://127.0.0.1:9"))) {
            // the status report is admin API too: the same check answers for it
            for (String path : new String[] {"/admin/v1/keys", "/admin/v1/status"}) {
                for (String key : new String[] {null, "anything", GatewayTest.KEY}) {
                    Reply r = new AdminClient(gw.baseUrl(), key).get(path);
                    assertThat(r.status()).as(path).isEqualTo(404);
                    assertThat(r.json().path("error").path("message").asText()).contains("admin API disabled")
                            .contains("server.admin_key");
                }
            }
        }
    }

    @Test
    void withoutAMasterKeyCredentialsAreRefusedAndNothingIsStored() {
        try (AdminFixture fx = AdminFixture.start(TestStores.sqlite(), "", Map.of())) {
            Reply r = fx.admin.post("/admin/v1/credentials",
                    "{\"provider\":\"demo\",\"name\":\"c\",\"key\":\"sk-plain-0123456789abcdefghij\"}");
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.json().path("error").path("message").asText()).contains("SWITCHBOARD_MASTER_KEY");
            assertThat(fx.store.credentials().list(null)).isEmpty();
            assertThat(fx.admin.get("/admin/v1/credentials").status()).isEqualTo(200);
            assertThat(fx.admin.post("/admin/v1/keys", "{\"name\":\"still works\"}").status()).isEqualTo(201);
        }
    }
}
