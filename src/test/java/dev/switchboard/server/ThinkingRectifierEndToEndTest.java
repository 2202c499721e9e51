package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.FakeUpstream;
import dev.switchboard.testkit.GatewayTest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An Anthropic upstream refuses a conversation whose thinking block carries a signature it did not issue
 * (a conversation moved from another key or provider): the gateway strips the thinking and asks once more.
 */
class ThinkingRectifierEndToEndTest {
    final FakeUpstream fake = FakeUpstream.start();
    final GatewayTest gw = GatewayTest.start("""
            providers:
              claude:
                format: anthropic
                base_url: ${ANTHROPIC_URL}
                keys: [sk-ant-upstream-aaaaaaaa]
                allow_private: true
            models:
              sonnet: [claude/claude-sonnet-4-5]
            keys: [{ name: test, key: %s }]
            """.formatted(GatewayTest.KEY), Map.of("ANTHROPIC_URL", fake.anthropicBaseUrl()));

    @AfterEach
    void down() {
        gw.close();
        fake.close();
    }

    /** A tool round trip whose assistant turn starts with a thinking block signed by someone else. */
    private static final String FOREIGN_SIGNATURE = """
            {"model":"sonnet","max_tokens":2048,"thinking":{"type":"enabled","budget_tokens":1024},
             "tools":[{"name":"weather","description":"w","input_schema":{"type":"object"}}],
             "messages":[
               {"role":"user","content":"Weather in Paris?"},
               {"role":"assistant","content":[
                 {"type":"thinking","thinking":"I should call the tool.","signature":"c2lnbmVkIGJ5IGFub3RoZXIgcHJvdmlkZXI="},
                 {"type":"tool_use","id":"toolu_1","name":"weather","input":{"city":"Paris"}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"sunny"}]}]}
            """;

    @Test
    void aForeignSignatureIsStrippedAndTheRequestRetriedOnce() {
        fake.setRecording(true);
        HttpResponse<String> r = gw.post("/v1/messages", FOREIGN_SIGNATURE, "x-api-key", GatewayTest.KEY,
                "anthropic-version", "2023-06-01");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<FakeUpstream.Recorded> sent = fake.requests();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).body()).contains("\"signature\"", "\"thinking\"");
        // the retry carries the tool round trip without the unverifiable reasoning
        assertThat(sent.get(1).body()).doesNotContain("\"signature\"").doesNotContain("\"type\":\"thinking\"")
                .contains("tool_use", "tool_result");
        assertThat(gw.get("/metrics").body()).containsPattern("switchboard_thinking_rectified_total\\{provider=\"claude\"} 1");
    }

    @Test
    void aValidConversationIsSentOnceAndUnchanged() {
        fake.setRecording(true);
        HttpResponse<String> r = gw.post("/v1/messages", """
                {"model":"sonnet","max_tokens":2048,"thinking":{"type":"enabled","budget_tokens":1024},
                 "messages":[{"role":"user","content":"Hello"}]}""", "x-api-key", GatewayTest.KEY);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(fake.requests()).hasSize(1);
        assertThat(gw.get("/metrics").body()).doesNotContain("switchboard_thinking_rectified_total{");
    }

    @Test
    void anotherBadRequestIsReturnedAsIsWithoutARetry() {
        fake.setRecording(true);
        HttpResponse<String> r = gw.post("/v1/messages", """
                {"model":"sonnet","max_tokens":100,"temperature":1.5,"messages":[{"role":"user","content":"Hi"}]}""",
                "x-api-key", GatewayTest.KEY);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"type\":\"error\"", "invalid_request_error");
        assertThat(fake.requests()).hasSize(1);
    }
}
