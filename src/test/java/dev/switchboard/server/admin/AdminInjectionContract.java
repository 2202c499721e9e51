package dev.switchboard.server.admin;

import static dev.switchboard.server.admin.AdminClient.q;
import static dev.switchboard.server.admin.AdminClient.s;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.admin.AdminClient.Reply;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SQL-injection strings in every filter, path id and key field: each is either stored and shown back
 * literally or refused with a 400/404, no filter ever widens its match, and every table is intact after.
 * Run on SQLite and PostgreSQL.
 */
abstract class AdminInjectionContract extends AdminGatewayContract {
    static final List<String> ATTACKS = List.of(
            "' OR '1'='1",
            "' OR 1=1 --",
            "\" OR \"\"=\"",
            "'; DROP TABLE virtual_keys; --",
            "Robert'); DROP TABLE audit_log;--",
            "x' UNION SELECT key_hash, key_hash FROM virtual_keys --",
            "1; DELETE FROM projects",
            "%' --",
            "*",
            "$1",
            "\\'; SELECT pg_sleep(5); --",
            "admin'/*");
    static final List<String> FILTERED_LISTS = List.of(
            "/admin/v1/keys?project=%s", "/admin/v1/credentials?provider=%s",
            "/admin/v1/usage?group_by=key&key=%s", "/admin/v1/usage?group_by=project&project=%s",
            "/admin/v1/usage?group_by=model&model=%s", "/admin/v1/usage?group_by=provider&provider=%s",
            "/admin/v1/usage?group_by=day&endpoint=%s", "/admin/v1/requests?key=%s", "/admin/v1/requests?project=%s",
            "/admin/v1/requests?model=%s", "/admin/v1/requests?provider=%s", "/admin/v1/requests?client_request_id=%s",
            "/admin/v1/usage?group_by=key&client_request_id=%s", "/admin/v1/audit?actor=%s",
            "/admin/v1/audit?action=%s", "/admin/v1/audit?target_type=%s", "/admin/v1/audit?target_id=%s");

    String projectId;
    String keyId;

    @BeforeAll
    void seed() {
        projectId = admin.post("/admin/v1/projects", "{\"name\":\"victim\"}").json().path("id").asText();
        keyId = admin.post("/admin/v1/keys", "{\"name\":\"victim-key\",\"project\":" + s(projectId) + "}").json()
                .path("id").asText();
        fx.store.usage().insertAll(List.of(AdminQueriesContract.row("victim-request", AdminQueriesContract.NOW, keyId,
                projectId, "demo", "echo-1", 200, 1, 1, 1L)), List.of());
        admin.post("/admin/v1/credentials", "{\"provider\":\"demo\",\"name\":\"victim\",\"key\":\"sk-victim-0123456789abcdefgh\"}");
    }

    @Test
    void noFilterWidensItsMatch() {
        for (String attack : ATTACKS) {
            for (String list : FILTERED_LISTS) {
                String path = list.formatted(q(attack));
                Reply r = admin.get(path);
                assertThat(r.status()).as(path + " → " + r).isIn(200, 400);
                if (r.status() == 200) {
                    assertThat(r.json().path("data")).as(path).isEmpty();
                }
            }
            for (String totals : new String[] {"key", "project", "model", "provider", "endpoint",
                    "client_request_id"}) {
                JsonNode t = admin.get("/admin/v1/usage/totals?" + totals + "=" + q(attack)).json();
                assertThat(t.path("requests").asLong()).as(totals + "=" + attack).isZero();
            }
        }
        intact();
    }

    @Test
    void pathIdsNameNothing() {
        for (String attack : ATTACKS) {
            String id = q(attack).replace("+", "%20");
            for (String path : new String[] {"/admin/v1/keys/" + id, "/admin/v1/projects/" + id,
                    "/admin/v1/requests/" + id}) {
                assertThat(admin.get(path).status()).as(path).isEqualTo(404);
            }
            assertThat(admin.post("/admin/v1/keys/" + id + "/revoke", null).status()).isIn(404);
            assertThat(admin.post("/admin/v1/keys/" + id + "/rotate", null).status()).isIn(404);
            assertThat(admin.delete("/admin/v1/projects/" + id).status()).isEqualTo(404);
            assertThat(admin.delete("/admin/v1/credentials/" + id).status()).isEqualTo(404);
        }
        intact();
    }

    @Test
    void fieldsAreStoredLiterally() {
        for (String attack : ATTACKS) {
            Reply p = admin.post("/admin/v1/projects", "{\"name\":" + s("p " + attack) + ",\"models\":[" + s(attack) + "]}");
            assertThat(p.status()).as(p.toString()).isEqualTo(201);
            String pid = p.json().path("id").asText();
            JsonNode readBack = admin.get("/admin/v1/projects/" + pid).json();
            assertThat(readBack.path("name").asText()).isEqualTo("p " + attack);
            assertThat(readBack.path("models").get(0).asText()).isEqualTo(attack);

            Reply k = admin.post("/admin/v1/keys", "{\"name\":" + s(attack) + ",\"project\":" + s("p " + attack)
                    + ",\"models\":[" + s(attack) + "],\"endpoints\":[" + s("/" + attack) + "]}");
            assertThat(k.status()).as(k.toString()).isEqualTo(201);
            JsonNode key = admin.get("/admin/v1/keys/" + k.json().path("id").asText()).json();
            assertThat(key.path("name").asText()).isEqualTo(attack);
            assertThat(key.path("project").asText()).isEqualTo(pid);
            assertThat(key.path("models").get(0).asText()).isEqualTo(attack);
            assertThat(key.path("endpoints").get(0).asText()).isEqualTo("/" + attack);
            Reply renamed = admin.patch("/admin/v1/keys/" + key.path("id").asText(), "{\"name\":" + s(attack + "2") + "}");
            assertThat(renamed.json().path("name").asText()).isEqualTo(attack + "2");

            Reply c = admin.post("/admin/v1/credentials", "{\"provider\":\"demo\",\"name\":" + s(attack)
                    + ",\"key\":\"sk-attack-0123456789abcdefgh\"}");
            assertThat(c.status()).as(c.toString()).isEqualTo(201);
            assertThat(c.json().path("name").asText()).isEqualTo(attack);
            assertThat(admin.send("POST", "/admin/v1/keys", "{\"name\":\"x\"}", AdminHttp.ACTOR_HEADER, attack).status())
                    .as("actor " + attack).isEqualTo(400);
        }
        // the names went into audit details literally too, and can be searched for as such
        String attack = ATTACKS.get(3);
        assertThat(admin.get("/admin/v1/audit?action=project.create&limit=1000").json().path("data")
                .findValuesAsText("name")).contains("p " + attack);
        intact();
    }

    /** Every table still there with its rows: nothing was dropped, deleted or read past its filter. */
    void intact() {
        assertThat(admin.get("/admin/v1/projects/" + projectId).status()).isEqualTo(200);
        assertThat(admin.get("/admin/v1/keys/" + keyId).json().path("revoked").asBoolean()).isFalse();
        assertThat(admin.get("/admin/v1/keys?project=" + projectId).json().path("data")).hasSize(1);
        assertThat(admin.get("/admin/v1/requests/victim-request").status()).isEqualTo(200);
        assertThat(admin.get("/admin/v1/credentials?provider=demo").json().path("data").findValuesAsText("name"))
                .contains("victim");
        assertThat(admin.get("/admin/v1/audit?target_id=" + keyId).json().path("data")).isNotEmpty();
        assertThat(admin.get("/admin/v1/usage/totals?project=" + projectId).json().path("requests").asLong()).isEqualTo(1);
    }
}
