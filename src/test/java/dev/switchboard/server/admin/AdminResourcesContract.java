package dev.switchboard.server.admin;

import static dev.switchboard.server.admin.AdminClient.s;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.admin.AdminClient.Reply;
import dev.switchboard.store.CredentialRow;
import dev.switchboard.tenancy.CredentialCipher;
import dev.switchboard.tenancy.VirtualKeys;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Projects, keys, credentials, auth and audit through a running gateway; run on SQLite and PostgreSQL. */
abstract class AdminResourcesContract extends AdminGatewayContract {
    JsonNode project(String name) {
        return created("/admin/v1/projects", "{\"name\":" + s(name) + "}");
    }

    JsonNode key(String body) {
        return created("/admin/v1/keys", body);
    }

    @Test
    void everyPathNeedsTheAdminKeyAndAWrongOneLearnsNothing() {
        for (String path : new String[] {"/admin/v1/projects", "/admin/v1/keys", "/admin/v1/no-such-thing",
                "/admin/v1/openapi.json", "/admin/v1/usage"}) {
            Reply none = admin.withKey(null).get(path);
            assertThat(none.status()).as(path).isEqualTo(401);
            assertThat(none.header("www-authenticate")).startsWith("Bearer");
            assertThat(admin.withKey(AdminFixture.ADMIN_KEY + "x").get(path).status()).isEqualTo(401);
            assertThat(admin.withKey(AdminFixture.ADMIN_KEY.substring(1)).get(path).status()).isEqualTo(401);
            // a virtual key is not an admin key, whoever holds it
            assertThat(admin.withKey(AdminFixture.CONFIG_KEY).get(path).status()).isEqualTo(401);
        }
        assertThat(admin.get("/admin/v1/no-such-thing").status()).isEqualTo(404);
        assertThat(admin.send("PUT", "/admin/v1/projects", "{}").status()).isEqualTo(405);
        Reply refused = admin.withKey("wrong").get("/admin/v1/keys");
        assertThat(refused.json().path("error").path("type").asText()).isEqualTo("authentication_error");
        assertThat(refused.header("cache-control")).isEqualTo("no-store");
    }

    @Test
    void projectsCanBeCreatedReadChangedAndDeleted() {
        JsonNode p = admin.post("/admin/v1/projects", """
                {"name":"alpha","models":["echo","demo/*"],"limits":{"rpm":60,"tpm":1000,"concurrency":2,
                 "max_requests":500},"budget":{"usd":"12.50","period":"week"},"log_bodies":true}""").json();
        String id = p.path("id").asText();
        assertThat(id).startsWith("prj_");
        assertThat(p.path("models")).hasSize(2);
        assertThat(p.path("limits").path("rpm").asLong()).isEqualTo(60);
        assertThat(p.path("limits").path("max_requests").asLong()).isEqualTo(500);
        assertThat(p.path("budget").path("usd").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(p.path("budget").path("period").asText()).isEqualTo("week");
        assertThat(p.path("active").asBoolean()).isTrue();
        assertThat(admin.get("/admin/v1/projects/" + id).json()).isEqualTo(p);

        // a merge patch: rpm changes, tpm stays, the budget goes, the project is switched off
        JsonNode changed = admin.patch("/admin/v1/projects/" + id,
                "{\"limits\":{\"rpm\":120},\"budget\":null,\"active\":false}").json();
        assertThat(changed.path("limits").path("rpm").asLong()).isEqualTo(120);
        assertThat(changed.path("limits").path("tpm").asLong()).isEqualTo(1000);
        assertThat(changed.path("budget").isNull()).isTrue();
        assertThat(changed.path("active").asBoolean()).isFalse();
        assertThat(admin.get("/admin/v1/projects").json().path("data").findValuesAsText("id")).contains(id);

        assertThat(admin.post("/admin/v1/projects", "{\"name\":\"alpha\"}").status()).isEqualTo(409);
        String beta = project("beta").path("id").asText();
        assertThat(admin.patch("/admin/v1/projects/" + beta, "{\"name\":\"alpha\"}").status()).isEqualTo(409);

        String keyId = key("{\"name\":\"k\",\"project\":" + s(id) + "}").path("id").asText();
        assertThat(admin.delete("/admin/v1/projects/" + id).status()).isEqualTo(409);
        assertThat(admin.delete("/admin/v1/projects/" + beta).status()).isEqualTo(200);
        assertThat(admin.get("/admin/v1/projects/" + beta).status()).isEqualTo(404);
        assertThat(admin.get("/admin/v1/keys/" + keyId).json().path("project").asText()).isEqualTo(id);
    }

    @Test
    void aKeysSecretIsShownOnceAndListsShowItsPrefix() {
        String projectId = project("keys-project").path("id").asText();
        JsonNode created = key("""
                {"name":"ci","project":"keys-project","expires_at":"30d","max_requests":100,"models":["echo"],
                 "endpoints":["/v1/chat/completions"],"limits":{"rpm":10},"budget":{"usd":5},"log_bodies":false}""");
        String id = created.path("id").asText();
        String secret = created.path("secret").asText();
        assertThat(VirtualKeys.isGenerated(secret)).as(secret).isTrue();
        assertThat(created.path("project").asText()).as("a project may be named by name").isEqualTo(projectId);
        assertThat(created.path("prefix").asText()).isEqualTo(VirtualKeys.displayPrefix(secret));
        assertThat(created.path("max_requests").asLong()).isEqualTo(100);
        assertThat(created.path("budget").path("period").asText()).isEqualTo("month");
        assertThat(created.path("expires_at").asText()).isNotEmpty();

        Reply one = admin.get("/admin/v1/keys/" + id);
        Reply list = admin.get("/admin/v1/keys?project=" + projectId);
        for (Reply r : new Reply[] {one, list}) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).doesNotContain(secret).doesNotContain(secret.substring(12)).doesNotContain("secret")
                    .doesNotContain("hash");
        }
        assertThat(list.json().path("data")).hasSize(1);

        JsonNode patched = admin.patch("/admin/v1/keys/" + id, "{\"name\":\"ci-2\",\"models\":null,\"expires_at\":null}")
                .json();
        assertThat(patched.path("name").asText()).isEqualTo("ci-2");
        assertThat(patched.path("models").isNull()).isTrue();
        assertThat(patched.path("expires_at").isNull()).isTrue();
        assertThat(patched.path("max_requests").asLong()).isEqualTo(100);

        JsonNode rotated = admin.post("/admin/v1/keys/" + id + "/rotate", null).json();
        String second = rotated.path("secret").asText();
        assertThat(VirtualKeys.isGenerated(second)).isTrue();
        assertThat(second).isNotEqualTo(secret);
        assertThat(rotated.path("id").asText()).isEqualTo(id);

        JsonNode revoked = admin.post("/admin/v1/keys/" + id + "/revoke", null).json();
        assertThat(revoked.path("revoked").asBoolean()).isTrue();
        assertThat(revoked.has("secret")).isFalse();
        assertThat(admin.post("/admin/v1/keys/" + id + "/revoke", "{}").status()).as("idempotent").isEqualTo(200);
        assertThat(admin.post("/admin/v1/keys/" + id + "/rotate", null).status()).isEqualTo(409);
        assertThat(admin.get("/admin/v1/keys?project=" + projectId).json().path("data")).isEmpty();
        assertThat(admin.get("/admin/v1/keys?include_revoked=true&project=" + projectId).json().path("data")).hasSize(1);
    }

    @Test
    void keyListsPage() {
        String projectId = project("paging").path("id").asText();
        for (int i = 0; i < 5; i++) {
            key("{\"name\":\"page-" + i + "\",\"project\":" + s(projectId) + "}");
        }
        JsonNode first = admin.get("/admin/v1/keys?project=" + projectId + "&limit=2").json();
        JsonNode last = admin.get("/admin/v1/keys?project=" + projectId + "&limit=2&offset=4").json();
        assertThat(first.path("data")).hasSize(2);
        assertThat(first.path("has_more").asBoolean()).isTrue();
        assertThat(last.path("data")).hasSize(1);
        assertThat(last.path("has_more").asBoolean()).isFalse();
    }

    @Test
    void credentialsAreStoredSealedAndShownMasked() {
        String plain = "sk-proj-" + "Cr3dentialSecretValue0123456789WXYZ";
        Reply created = admin.post("/admin/v1/credentials",
                "{\"provider\":\"demo\",\"name\":\"primary\",\"key\":" + s(plain) + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("key").asText()).isEqualTo("sk-proj-…WXYZ");
        String id = created.json().path("id").asText();
        Reply list = admin.get("/admin/v1/credentials");
        assertThat(list.json().path("data").findValuesAsText("id")).contains(id);
        for (Reply r : new Reply[] {created, list}) {
            assertThat(r.body()).doesNotContain(plain).doesNotContain("Cr3dential");
        }

        CredentialRow row = fx.store.credentials().find(id).orElseThrow();
        String sealed = new String(row.ciphertext(), StandardCharsets.UTF_8);
        assertThat(sealed).startsWith("sbenc1:").doesNotContain("Cr3dential");
        CredentialCipher cipher = CredentialCipher.fromEnvironment(Map.of(CredentialCipher.ENV, AdminFixture.MASTER_KEY))
                .orElseThrow();
        assertThat(cipher.decrypt(sealed, CredentialsResource.context(id))).isEqualTo(plain);

        assertThat(admin.post("/admin/v1/credentials", "{\"provider\":\"demo\",\"name\":\"primary\",\"key\":"
                + s(plain) + "}").status()).isEqualTo(409);
        Reply unknown = admin.post("/admin/v1/credentials", "{\"provider\":\"nowhere\",\"name\":\"x\",\"key\":\"abc\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.param()).isEqualTo("provider");
        assertThat(admin.delete("/admin/v1/credentials/" + id).status()).isEqualTo(200);
        assertThat(admin.delete("/admin/v1/credentials/" + id).status()).isEqualTo(404);
    }

    @Test
    void everyChangeIsAuditedWithItsActorAndNoSecret() {
        String actor = "jane@example.com";
        Reply created = admin.send("POST", "/admin/v1/keys", "{\"name\":\"audited\"}",
                AdminHttp.ACTOR_HEADER, actor);
        String id = created.json().path("id").asText();
        String secret = created.json().path("secret").asText();
        admin.send("PATCH", "/admin/v1/keys/" + id, "{\"limits\":{\"rpm\":5}}", AdminHttp.ACTOR_HEADER, actor);
        admin.send("POST", "/admin/v1/keys/" + id + "/rotate", null, AdminHttp.ACTOR_HEADER, actor);
        admin.post("/admin/v1/keys/" + id + "/revoke", null);

        Reply audit = admin.get("/admin/v1/audit?target_type=key&target_id=" + id);
        assertThat(audit.json().path("data").findValuesAsText("action"))
                .containsExactly("key.revoke", "key.rotate", "key.update", "key.create");
        assertThat(audit.json().path("data").findValuesAsText("actor")).containsExactly("admin", actor, actor, actor);
        assertThat(audit.json().path("data").get(3).path("detail").path("name").asText()).isEqualTo("audited");
        assertThat(audit.body()).doesNotContain(secret);
        assertThat(admin.get("/admin/v1/audit?actor=" + AdminClient.q(actor) + "&action=key.rotate").json()
                .path("data")).hasSize(1);
        Reply badActor = admin.send("POST", "/admin/v1/keys", "{\"name\":\"x\"}", AdminHttp.ACTOR_HEADER, "bad\tactor");
        assertThat(badActor.status()).isEqualTo(400);
    }

    @Test
    void theOpenApiDocumentDescribesEveryRoute() {
        Reply r = admin.get("/admin/v1/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = r.json();
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.path("paths").fieldNames()).toIterable().containsExactlyInAnyOrder(
                "/projects", "/projects/{id}", "/keys", "/keys/{id}", "/keys/{id}/revoke", "/keys/{id}/rotate",
                "/credentials", "/credentials/{id}", "/usage", "/usage/totals", "/requests", "/requests/{id}", "/audit",
                "/openapi.json");
        assertThat(doc.path("servers").get(0).path("url").asText()).isEqualTo("/admin/v1");
    }
}
