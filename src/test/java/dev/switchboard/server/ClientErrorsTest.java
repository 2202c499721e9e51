package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.GatewayTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad request gets a clear OpenAI-format 4xx, never a 500 or a hang. */
class ClientErrorsTest {
    static FakeUpstream fake;
    static GatewayTest gw;

    @BeforeAll
    static void up() {
        fake = FakeUpstream.start();
        gw = GatewayTest.withFake(fake);
    }

    @AfterAll
    static void down() {
        gw.close();
        fake.close();
    }

    private static void assertOpenAiError(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode error = FakeUpstreamJson.parse(r.body()).path("error");
        assertThat(error.path("message").asText()).isNotBlank();
        assertThat(error.has("type")).isTrue();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json at all", "[1,2,3]", "{\"messages\":[]}", "{\"model\":42,\"messages\":[]}",
        "{\"model\":\"fake-model\",\"messages\":\"hi\"}", "{\"model\":\"fake-model\",\"messages\":[],\"stream\":\"yes\"}",
        "{\"model\":\"fake-model\"", "", "null", "{\"model\":\"fake-model\",\"messages\":[]}{}"
    })
    void malformedBodiesAre400(String body) {
        assertOpenAiError(gw.postWithKey("/v1/chat/completions", body), 400);
    }

    @Test
    void tenThousandDeepNestingIs400() {
        String deep = "{\"model\":\"fake-model\",\"messages\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertOpenAiError(gw.postWithKey("/v1/chat/completions", deep), 400);
    }

    @Test
    void missingKeyIs401AndWrongKeyIs401() {
        assertOpenAiError(gw.post("/v1/chat/completions", "{\"model\":\"fake-model\",\"messages\":[]}"), 401);
        assertOpenAiError(gw.post("/v1/chat/completions", "{\"model\":\"fake-model\",\"messages\":[]}",
                "authorization", "Bearer sk-wrong-000000000000"), 401);
    }

    @Test
    void xApiKeyHeaderIsAccepted() {
        HttpResponse<String> r = gw.post("/v1/chat/completions", "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"yo\"}]}",
                "x-api-key", GatewayTest.KEY);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Echo: yo");
    }

    @Test
    void modelNotAllowedForKeyIs403AndUnknownModelIs404() {
        assertOpenAiError(gw.post("/v1/chat/completions", "{\"model\":\"fake-model\",\"messages\":[]}",
                "authorization", "Bearer " + GatewayTest.NARROW_KEY), 403);
        assertOpenAiError(gw.postWithKey("/v1/chat/completions", "{\"model\":\"no-such-model\",\"messages\":[]}"), 404);
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
        assertOpenAiError(gw.get("/v1/nothing-here"), 404);
        assertOpenAiError(gw.get("/v1/chat/completions"), 405);
    }

    @Test
    void bodyOverTheLimitIs413WithoutReadingIt() throws Exception {
        // declares 1 GiB and sends nothing: the answer must come at once, not after a read
        try (Socket s = new Socket("127.0.0.1", gw.port())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + GatewayTest.KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void oversizedHeadersAndUrlAreJsonErrors() throws Exception {
        String headers = rawExchange("GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: " + "x".repeat(70_000) + "\r\n\r\n");
        assertThat(headers).startsWith("HTTP/1.1 431").contains("\"error\":{").contains("application/json");
        String url = rawExchange("GET /v1/models?" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(url).contains(" 414 ").contains("\"error\":{");
    }

    private String rawExchange(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", gw.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void modelsListShowsOnlyWhatTheKeyMayUse() {
        HttpResponse<String> all = gw.get("/v1/models", "authorization", "Bearer " + GatewayTest.KEY);
        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("\"fake-model\"").contains("\"echo\"").contains("\"demo/echo-1\"");
        HttpResponse<String> narrow = gw.get("/v1/models", "authorization", "Bearer " + GatewayTest.NARROW_KEY);
        assertThat(narrow.body()).contains("\"echo\"").doesNotContain("fake-model");
        assertThat(gw.get("/v1/models/demo/echo-1", "authorization", "Bearer " + GatewayTest.KEY).statusCode()).isEqualTo(200);
        assertOpenAiError(gw.get("/v1/models/fake-model", "authorization", "Bearer " + GatewayTest.NARROW_KEY), 404);
        assertOpenAiError(gw.get("/v1/models"), 401);
    }

    @Test
    void healthReadyAndMetricsAnswer() {
        assertThat(gw.get("/health").statusCode()).isEqualTo(200);
        assertThat(gw.get("/ready").statusCode()).isEqualTo(200);
        HttpResponse<String> m = gw.get("/metrics");
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.body()).contains("jvm_memory_used_bytes");
        assertThat(m.body()).doesNotContain(GatewayTest.KEY).doesNotContain("sk-upstream");
    }
}
