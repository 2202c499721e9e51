package dev.switchboard.server.admin;

import static dev.switchboard.server.admin.AdminClient.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.Propagation;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * What the admin API does to the proxy: a key works the moment it is created, stops the moment it is
 * revoked, rotated or expired, runs into its caps, and never reaches past its project. Run on SQLite and
 * PostgreSQL.
 */
abstract class AdminTenancyContract extends AdminGatewayContract {
    static final String CHAT = "{\"model\":\"%s\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    HttpResponse<String> chat(String secret, String model) {
        return fx.gateway.post("/v1/chat/completions", CHAT.formatted(model), "authorization", "Bearer " + secret);
    }

    JsonNode newKey(String body) {
        return created("/admin/v1/keys", body);
    }

    String newProject(String body) {
        return created("/admin/v1/projects", body).path("id").asText();
    }

    /** The proxy refuses {@code secret} with this status and error code. */
    void refused(String secret, int status, String code) {
        HttpResponse<String> r = chat(secret, "echo");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.body().replaceAll("(?s).*\"code\"\\s*:\\s*\"([^\"]+)\".*", "$1")).isEqualTo(code);
    }

    @Test
    void aNewKeyWorksAtOnceAndARevokedOneStopsWithinASecond() {
        JsonNode key = newKey("{\"name\":\"lifecycle\"}");
        String secret = key.path("secret").asText();
        assertThat(chat(secret, "echo").statusCode()).as("usable as soon as the 201 arrived").isEqualTo(200);

        String second = admin.post("/admin/v1/keys/" + key.path("id").asText() + "/rotate", null).json()
                .path("secret").asText();
        assertThat(chat(secret, "echo").statusCode()).as("the old secret after rotation").isEqualTo(401);
        assertThat(chat(second, "echo").statusCode()).isEqualTo(200);

        // both paths are warm here: the key was served, and the old secret refused, just above
        AdminClient.Reply revoked = admin.post("/admin/v1/keys/" + key.path("id").asText() + "/revoke", null);
        long committed = System.nanoTime(); // the reply comes after the revocation's commit
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        Propagation.assertSeenInTime("the revoked key refused", committed, () -> chat(second, "echo").statusCode() == 401);
        refused(second, 401, "key_revoked");
    }

    @Test
    void anExpiredKeyIsRefusedWith401() {
        JsonNode key = newKey("{\"name\":\"expiring\",\"expires_at\":\"2s\"}");
        String secret = key.path("secret").asText();
        assertThat(chat(secret, "echo").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(100))
                .until(() -> chat(secret, "echo").statusCode() == 401);
        refused(secret, 401, "key_expired");

        JsonNode other = newKey("{\"name\":\"expired-by-patch\"}");
        admin.patch("/admin/v1/keys/" + other.path("id").asText(),
                "{\"expires_at\":" + s(Instant.now().minusSeconds(60).toString()) + "}");
        assertThat(chat(other.path("secret").asText(), "echo").statusCode()).isEqualTo(401);
    }

    @Test
    void aKeyOverItsRequestCapGets429() {
        String secret = newKey("{\"name\":\"capped\",\"max_requests\":2}").path("secret").asText();
        assertThat(chat(secret, "echo").statusCode()).isEqualTo(200);
        assertThat(chat(secret, "echo").statusCode()).isEqualTo(200);
        refused(secret, 429, "request_cap_reached");
    }

    @Test
    void aKeyOfAnInactiveProjectGets403() {
        String project = newProject("{\"name\":\"paused\"}");
        String secret = newKey("{\"name\":\"in-paused\",\"project\":" + s(project) + "}").path("secret").asText();
        assertThat(chat(secret, "echo").statusCode()).isEqualTo(200);
        admin.patch("/admin/v1/projects/" + project, "{\"active\":false}");
        refused(secret, 403, "project_inactive");
    }

    @Test
    void aKeyOfProjectANeverReadsListsOrSpendsAsProjectB() {
        String a = newProject("{\"name\":\"team-a\",\"models\":[\"echo\"],\"limits\":{\"max_requests\":3}}");
        String b = newProject("{\"name\":\"team-b\",\"models\":[\"echo2\"]}");
        String keyA = newKey("{\"name\":\"a-key\",\"project\":" + s(a) + "}").path("secret").asText();
        String keyB = newKey("{\"name\":\"b-key\",\"project\":" + s(b) + "}").path("secret").asText();

        // spend: only A's models, counted against A only
        assertThat(chat(keyA, "echo").statusCode()).isEqualTo(200);
        assertThat(chat(keyA, "echo2").statusCode()).as("B's model").isEqualTo(403);
        assertThat(chat(keyB, "echo").statusCode()).as("A's model").isEqualTo(403);
        assertThat(chat(keyB, "echo2").statusCode()).isEqualTo(200);
        // list: the model list is the key's own
        String models = fx.gateway.get("/v1/models", "authorization", "Bearer " + keyA).body();
        assertThat(models).contains("\"echo\"").doesNotContain("echo2");
        // read: a virtual key is no admin key, for any admin path
        for (String path : new String[] {"/admin/v1/usage?project=" + b, "/admin/v1/keys?project=" + b,
                "/admin/v1/requests?project=" + b, "/admin/v1/projects/" + b, "/admin/v1/status"}) {
            assertThat(admin.withKey(keyA).get(path).status()).as(path).isEqualTo(401);
        }
        // A's project cap (3) is A's alone: once A is spent, B goes on
        chat(keyA, "echo");
        chat(keyA, "echo");
        assertThat(chat(keyA, "echo").statusCode()).isEqualTo(429);
        assertThat(chat(keyB, "echo2").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode byProject = admin.get("/admin/v1/usage/totals?project=" + a).json();
            assertThat(byProject.path("requests").asLong()).as("A's records").isGreaterThanOrEqualTo(4);
        });
        JsonNode usageB = admin.get("/admin/v1/usage?group_by=key&project=" + b).json().path("data");
        assertThat(usageB.findValuesAsText("label")).containsOnly("b-key");
    }
}
