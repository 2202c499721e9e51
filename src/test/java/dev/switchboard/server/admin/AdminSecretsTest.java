package dev.switchboard.server.admin;

import static dev.switchboard.server.admin.AdminClient.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.admin.AdminClient.Reply;
import dev.switchboard.testkit.TestStores;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No secret (admin key, virtual keys, provider keys, master key) appears in any admin API answer but the
 * one that hands a new virtual key out, nor in any log line, stack trace, access log or error message,
 * through a session that uses every endpoint and provokes every kind of refusal with secrets in the input.
 */
class AdminSecretsTest {
    static final String CHAT = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void secretsAppearNowhereButWhereTheyAreHandedOut() {
        String provider = "sk-ant-" + "ProviderSecretValue0123456789ABCD";
        List<String> secrets = new ArrayList<>(List.of(AdminFixture.ADMIN_KEY, AdminFixture.CONFIG_KEY,
                AdminFixture.UPSTREAM_KEY, AdminFixture.MASTER_KEY, provider));
        String created;
        String rotated;
        List<Reply> handedOut = new ArrayList<>();
        List<String> proxyAnswers = new ArrayList<>();
        String log;
        try (CapturedOutput output = new CapturedOutput();
                AdminFixture fx = AdminFixture.start(TestStores.sqlite(), "")) {
            AdminClient admin = fx.admin;
            // refusals of the admin key, with near misses of it
            admin.withKey(AdminFixture.ADMIN_KEY + "x").get("/admin/v1/keys");
            admin.withKey(AdminFixture.ADMIN_KEY.substring(0, 20)).get("/admin/v1/keys");
            admin.withKey(AdminFixture.CONFIG_KEY).post("/admin/v1/keys", "{\"name\":\"x\"}");

            String project = admin.post("/admin/v1/projects", "{\"name\":\"p\",\"log_bodies\":true}").json()
                    .path("id").asText();
            Reply create = admin.post("/admin/v1/keys", "{\"name\":\"k\",\"project\":" + s(project) + "}");
            handedOut.add(create);
            created = create.json().path("secret").asText();
            String id = create.json().path("id").asText();
            proxyAnswers.add(chat(fx, created).body());
            Reply rotate = admin.post("/admin/v1/keys/" + id + "/rotate", null);
            handedOut.add(rotate);
            rotated = rotate.json().path("secret").asText();
            secrets.add(created);
            secrets.add(rotated);
            proxyAnswers.add(chat(fx, created).body()); // the old secret, refused
            proxyAnswers.add(chat(fx, rotated).body());
            admin.patch("/admin/v1/keys/" + id, "{\"limits\":{\"rpm\":100}}");
            admin.post("/admin/v1/keys/" + id + "/revoke", null);
            proxyAnswers.add(chat(fx, rotated).body()); // revoked
            proxyAnswers.add(chat(fx, "sk-sb-" + "0".repeat(43)).body()); // unknown

            // credentials, accepted and refused with the secret in every position a client could put it
            admin.post("/admin/v1/credentials", "{\"provider\":\"demo\",\"name\":\"c\",\"key\":" + s(provider) + "}");
            admin.post("/admin/v1/credentials", "{\"provider\":\"demo\",\"name\":\"c\",\"key\":" + s(provider) + "}");
            admin.post("/admin/v1/credentials", "{\"provider\":\"nowhere\",\"name\":\"c2\",\"key\":" + s(provider) + "}");
            admin.post("/admin/v1/credentials", "{\"provider\":\"demo\",\"name\":\"c3\",\"key\":" + s(provider + " x") + "}");
            admin.post("/admin/v1/credentials", "{\"provider\":\"demo\",\"name\":\"c4\",\"key\":" + s(provider) + ",");
            admin.post("/admin/v1/credentials", "{\"provider\":\"demo\",\"name\":\"c4\",\"key\":" + s(provider)
                    + ",\"key\":" + s(provider) + "}");
            admin.post("/admin/v1/credentials", "{\"provider\":\"demo\",\"name\":\"c5\",\"key\":" + s(provider) + "} "
                    + provider);
            admin.post("/admin/v1/credentials", "{\"provider\":\"demo\",\"name\":\"c6\",\"key\":[" + s(provider) + "]}");
            admin.post("/admin/v1/credentials", "{\"provider\":\"demo\",\"name\":\"c7\",\"" + provider + "\":1}");
            admin.post("/admin/v1/keys", "{\"name\":\"k2\",\"" + created + "\":1}");
            admin.post("/admin/v1/keys", "{\"name\":\"k2\",\"models\":[" + s(rotated) + ", 1]}");
            admin.get("/admin/v1/keys?" + provider + "=1");
            admin.get("/admin/v1/usage?since=" + provider);
            admin.get("/admin/v1/keys/" + created);
            admin.send("POST", "/admin/v1/keys", "{\"name\":\"x\"}", AdminHttp.ACTOR_HEADER, provider + "!");

            // every read endpoint
            for (String path : new String[] {"/admin/v1/projects", "/admin/v1/projects/" + project, "/admin/v1/keys",
                    "/admin/v1/keys?include_revoked=true", "/admin/v1/keys/" + id, "/admin/v1/credentials",
                    "/admin/v1/usage?group_by=key", "/admin/v1/usage?format=csv", "/admin/v1/usage/totals",
                    "/admin/v1/requests", "/admin/v1/audit?limit=1000", "/admin/v1/openapi.json"}) {
                assertThat(admin.get(path).status()).as(path).isEqualTo(200);
            }
            List<Reply> replies = admin.replies();
            assertThat(replies).hasSizeGreaterThan(30);
            for (Reply r : replies) {
                for (String secret : secrets) {
                    boolean legit = handedOut.contains(r) && (secret.equals(created) || secret.equals(rotated));
                    if (!legit) {
                        assertThat(r.body()).as("answer %s", r.raw().uri()).doesNotContain(secret);
                    }
                }
            }
            assertThat(handedOut.get(0).body()).contains(created).doesNotContain(rotated);
            assertThat(handedOut.get(1).body()).contains(rotated).doesNotContain(created);
            for (String answer : proxyAnswers) {
                for (String secret : secrets) {
                    assertThat(answer).doesNotContain(secret);
                }
            }
            fx.close();
            log = output.text();
            assertThat(output.events()).as("the scan saw the gateway's log").isGreaterThan(5);
        }
        // the capture works: it holds the admin API's log line and the proxy's access log
        assertThat(log).contains("admin key.create by admin").contains("\"input_tokens\"");
        for (String secret : secrets) {
            assertThat(log).as("captured output").doesNotContain(secret);
        }
    }

    private static HttpResponse<String> chat(AdminFixture fx, String secret) {
        return fx.gateway.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + secret);
    }
}
