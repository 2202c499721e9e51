package dev.switchboard.server.admin;

import static dev.switchboard.server.admin.AdminClient.q;
import static dev.switchboard.server.admin.AdminClient.s;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.server.admin.AdminClient.Reply;
import dev.switchboard.store.RequestLogRow;
import dev.switchboard.store.UsageRow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Usage, request log and audit queries over seeded rows; run on SQLite and PostgreSQL. */
abstract class AdminQueriesContract extends AdminGatewayContract {
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    @BeforeAll
    void seed() {
        // two projects' worth of usage: now, and ten days ago
        fx.store.usage().insertAll(List.of(
                // r-1 and r-2 were sent with the same X-Request-ID, as a retrying client does
                row("r-1", "trace-a", NOW.minusSeconds(60), "key_a", "prj_a", "demo", "echo-1", 200, 10, 5,
                        1_000_000L),
                row("r-2", "trace-a", NOW.minusSeconds(30), "key_a", "prj_a", "demo", "echo-2", 200, 20, 10,
                        2_000_000L),
                row("r-3", NOW.minusSeconds(10), "key_b", "prj_b", "other", "echo-9", 500, 7, 0, null),
                row("r-old", NOW.minus(Duration.ofDays(10)), "key_b", "prj_b", "other", "echo-9", 200, 100, 100,
                        50_000_000L)),
                List.of(new RequestLogRow("r-2", NOW.minusSeconds(30), "key_a", "prj_a", "{\"q\":\"hello\"}",
                        "{\"a\":\"world\"}", false)));
    }

    static UsageRow row(String id, Instant ts, String key, String project, String provider, String model, int status,
            long in, long out, Long costNanos) {
        return row(id, null, ts, key, project, provider, model, status, in, out, costNanos);
    }

    static UsageRow row(String id, String clientId, Instant ts, String key, String project, String provider,
            String model, int status, long in, long out, Long costNanos) {
        return new UsageRow(id, clientId, ts, key, key + "-name", project, provider, model, model, "chat", status,
                status >= 400 ? "upstream_error" : null, false, in, out, 0, 0, 0, false, costNanos, 12L, 5L, 1,
                "openai_chat");
    }

    @Test
    void usageGroupsByEveryDimension() {
        JsonNode byProject = admin.get("/admin/v1/usage?group_by=project").json();
        assertThat(byProject.path("group_by").asText()).isEqualTo("project");
        JsonNode b = byProject.path("data").get(0); // highest cost first: prj_b's old $0.05
        assertThat(b.path("group").asText()).isEqualTo("prj_b");
        assertThat(b.path("requests").asLong()).isEqualTo(2);
        assertThat(b.path("errors").asLong()).isEqualTo(1);
        assertThat(b.path("cost_usd").decimalValue()).isEqualByComparingTo("0.05");
        JsonNode a = byProject.path("data").get(1);
        assertThat(a.path("input_tokens").asLong()).isEqualTo(30);
        assertThat(a.path("cost_usd").decimalValue()).isEqualByComparingTo("0.003");

        assertThat(admin.get("/admin/v1/usage?group_by=model&provider=demo").json().path("data")
                .findValuesAsText("group")).containsExactlyInAnyOrder("echo-1", "echo-2");
        assertThat(admin.get("/admin/v1/usage?group_by=key&since=7d").json().path("data").findValuesAsText("group"))
                .containsExactlyInAnyOrder("key_a", "key_b");
        JsonNode days = admin.get("/admin/v1/usage?group_by=day").json().path("data");
        assertThat(days).hasSizeGreaterThanOrEqualTo(2);
        assertThat(days.get(0).path("group").asText()).isLessThan(days.get(days.size() - 1).path("group").asText());
        JsonNode recent = admin.get("/admin/v1/usage?group_by=provider&since=24h&until=" + q(NOW.plusSeconds(1).toString()))
                .json();
        assertThat(recent.path("data").findValuesAsText("group")).containsExactlyInAnyOrder("demo", "other");
        assertThat(recent.path("since").asText()).isNotEmpty();
    }

    @Test
    void usageExportsCsvOnRequest() {
        Reply byParam = admin.get("/admin/v1/usage?group_by=project&format=csv");
        Reply byAccept = admin.send("GET", "/admin/v1/usage?group_by=project", null, "accept", "text/csv");
        for (Reply r : new Reply[] {byParam, byAccept}) {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("content-type")).startsWith("text/csv");
            assertThat(r.body().split("\r\n")).hasSize(3);
            assertThat(r.body()).startsWith("group,label,requests").contains("prj_a,prj_a,2,0,30,15,");
        }
    }

    @Test
    void totalsSumTheFilteredRows() {
        JsonNode all = admin.get("/admin/v1/usage/totals").json();
        assertThat(all.path("requests").asLong()).isEqualTo(4);
        assertThat(all.path("cost_usd").decimalValue()).isEqualByComparingTo("0.053");
        JsonNode week = admin.get("/admin/v1/usage/totals?since=7d&project=prj_b").json();
        assertThat(week.path("requests").asLong()).isEqualTo(1);
        assertThat(week.path("errors").asLong()).isEqualTo(1);
    }

    @Test
    void theRequestLogListsAndShowsBodiesWhereKept() {
        JsonNode list = admin.get("/admin/v1/requests?key=key_a").json();
        assertThat(list.path("data").findValuesAsText("id")).containsExactly("r-2", "r-1");
        assertThat(list.path("data").get(0).path("has_bodies").asBoolean()).isTrue();
        assertThat(admin.get("/admin/v1/requests?limit=1").json().path("has_more").asBoolean()).isTrue();
        JsonNode one = admin.get("/admin/v1/requests/r-2").json();
        assertThat(one.path("request_body").asText()).isEqualTo("{\"q\":\"hello\"}");
        assertThat(one.path("cost_usd").decimalValue()).isEqualByComparingTo("0.002");
        JsonNode without = admin.get("/admin/v1/requests/r-3").json();
        assertThat(without.path("has_bodies").asBoolean()).isFalse();
        assertThat(without.has("request_body")).isFalse();
        assertThat(admin.get("/admin/v1/requests/nope").status()).isEqualTo(404);
    }

    @Test
    void requestsAreFoundByTheClientsRequestIdEvenWhenItWasSentTwice() {
        JsonNode list = admin.get("/admin/v1/requests?client_request_id=trace-a").json();
        assertThat(list.path("data").findValuesAsText("id")).containsExactly("r-2", "r-1");
        assertThat(list.path("data").findValuesAsText("client_request_id")).containsExactly("trace-a", "trace-a");
        JsonNode totals = admin.get("/admin/v1/usage/totals?client_request_id=trace-a").json();
        assertThat(totals.path("requests").asLong()).isEqualTo(2);
        assertThat(totals.path("cost_usd").decimalValue()).isEqualByComparingTo("0.003");
        assertThat(admin.get("/admin/v1/requests/r-3").json().path("client_request_id").isNull()).isTrue();
        assertThat(admin.get("/admin/v1/requests?client_request_id=trace-b").json().path("data")).isEmpty();
    }

    @Test
    void badQueriesAreRefusedNamingTheParameter() {
        String[][] cases = {
            {"/admin/v1/usage?group_by=color", "group_by"},
            {"/admin/v1/usage?group-by=key", "(unrecognised name)"},
            {"/admin/v1/usage?since=yesterday", "since"},
            {"/admin/v1/usage?since=1d&until=2d", "since"},
            {"/admin/v1/usage?format=xml", "format"},
            {"/admin/v1/usage?limit=0", "limit"},
            {"/admin/v1/usage?limit=1001", "limit"},
            {"/admin/v1/requests?offset=-1", "offset"},
            {"/admin/v1/keys?limit=ten", "limit"},
            {"/admin/v1/keys?include_revoked=maybe", "include_revoked"},
            {"/admin/v1/keys?project=a&project=b", "project"},
            {"/admin/v1/audit?actor=" + q("a\nb"), "actor"},
            {"/admin/v1/projects?name=x", "name"},
            {"/admin/v1/usage/totals?group_by=key", "group_by"},
        };
        for (String[] c : cases) {
            Reply r = admin.get(c[0]);
            assertThat(r.status()).as(c[0] + " → " + r).isEqualTo(400);
            assertThat(r.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(r.param()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void badBodiesAreRefusedNamingTheField() {
        String[][] cases = {
            {"{}", "name"},
            {"{\"name\":\"\"}", "name"},
            {"{\"name\":\"a\\nb\"}", "name"},
            {"{\"name\":" + s("x".repeat(201)) + "}", "name"},
            {"{\"name\":7}", "name"},
            {"{\"name\":\"k\",\"limits\":{\"rpm\":0}}", "limits.rpm"},
            {"{\"name\":\"k\",\"limits\":{\"rpm\":\"10\"}}", "limits.rpm"},
            {"{\"name\":\"k\",\"limits\":{\"rpm\":1.5}}", "limits.rpm"},
            {"{\"name\":\"k\",\"limits\":{\"concurrency\":10000000}}", "limits.concurrency"},
            {"{\"name\":\"k\",\"limits\":{\"rmp\":10}}", "limits.rmp"},
            {"{\"name\":\"k\",\"limits\":[1]}", "limits"},
            {"{\"name\":\"k\",\"budget\":{\"usd\":-1}}", "budget.usd"},
            {"{\"name\":\"k\",\"budget\":{\"usd\":\"1e400\"}}", "budget.usd"},
            {"{\"name\":\"k\",\"budget\":{\"usd\":1,\"period\":\"year\"}}", "budget.period"},
            {"{\"name\":\"k\",\"budget\":{\"period\":\"day\"}}", "budget.usd"},
            {"{\"name\":\"k\",\"models\":\"echo\"}", "models"},
            {"{\"name\":\"k\",\"models\":[1]}", "models[0]"},
            {"{\"name\":\"k\",\"endpoints\":[\"chat\"]}", "endpoints[0]"},
            {"{\"name\":\"k\",\"expires_at\":\"soon\"}", "expires_at"},
            {"{\"name\":\"k\",\"max_requests\":-5}", "max_requests"},
            {"{\"name\":\"k\",\"project\":\"no-such-project\"}", "project"},
            {"{\"name\":\"k\",\"log_bodies\":\"yes\"}", "log_bodies"},
            {"{\"name\":\"k\",\"secret\":\"sk-sb-mine\"}", "secret"},
            {"{\"name\":\"k\",\"Sk-Sb-Xyz\":1}", "(unrecognised name)"},
        };
        for (String[] c : cases) {
            Reply r = admin.post("/admin/v1/keys", c[0]);
            assertThat(r.status()).as(c[0] + " → " + r).isEqualTo(400);
            assertThat(r.param()).as(c[0]).isEqualTo(c[1]);
        }
        for (String body : new String[] {"[1]", "{\"name\":", "{\"name\":\"a\",\"name\":\"b\"}", "{\"name\":\"a\"} x",
                "{\"a\":".repeat(20) + "1" + "}".repeat(20)}) {
            Reply r = admin.post("/admin/v1/keys", body);
            assertThat(r.status()).as(body + " → " + r).isEqualTo(400);
        }
        Reply huge = admin.post("/admin/v1/keys", "{\"name\":" + s("x".repeat(70_000)) + "}");
        assertThat(huge.status()).isEqualTo(413);
        Reply form = admin.send("POST", "/admin/v1/keys", "name=x", "content-type", "application/x-www-form-urlencoded");
        assertThat(form.status()).isEqualTo(415);
        assertThat(admin.get("/admin/v1/keys").json().path("data").findValuesAsText("name")).doesNotContain("a", "k");
    }
}
