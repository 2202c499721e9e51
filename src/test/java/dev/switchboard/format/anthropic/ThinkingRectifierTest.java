package dev.switchboard.format.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Recognising thinking refusals and stripping the thinking history from realistic bodies. */
class ThinkingRectifierTest {

    private static byte[] anthropicError(String message) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("type", "error");
        body.putObject("error").put("type", "invalid_request_error").put("message", message);
        return body.put("request_id", "req_011CSHoEeqs5C35K2UUqR7Fy").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A request with manual thinking around the given messages (JSON, comma-separated). */
    private static byte[] withEnabledThinking(String messages) {
        return bytes("{\"model\":\"m\",\"max_tokens\":5000,\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":2000},"
                + "\"messages\":[" + messages + "]}");
    }

    /** The repaired body; fails the test when the rectifier found nothing to repair. */
    private static JsonNode rectified(byte[] request) {
        return Fixtures.json(ThinkingRectifier.rectify(request).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "messages.1.content.0: Invalid `signature` in `thinking` block",
        "messages.3.content.0.type: Expected `thinking` or `redacted_thinking`, but found `tool_use`. When `thinking` is enabled, a final `assistant` message must start with a thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks). We recommend you include thinking blocks from previous turns. To avoid this requirement, disable `thinking`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking",
        "messages.1.content.0.type: Expected `thinking` or `redacted_thinking`, but found `text`.",
        "messages.1.content.0.thinking.signature: Field required",
        "messages.1.content.0.thinking.signature: Extra inputs are not permitted",
        "messages.3.content.1: `thinking` or `redacted_thinking` blocks in the latest assistant message cannot be modified. These blocks must remain as they were in the original response.",
        "Thought signature is not valid"
    })
    void signatureAndStructureRefusalsMatch(String message) {
        assertThat(ThinkingRectifier.matches(400, anthropicError(message))).isTrue();
    }

    @Test
    void aRelayThatWrapsTheAnthropicErrorInItsOwnStillMatches() {
        byte[] relay = bytes("{\"error\":{\"code\":400,\"message\":\"{\\\"type\\\":\\\"error\\\",\\\"error\\\":{\\\"type\\\":"
                + "\\\"invalid_request_error\\\",\\\"message\\\":\\\"messages.9.content.0: Invalid `signature` in `thinking` block\\\"}}\","
                + "\"status\":\"INVALID_ARGUMENT\"}}");
        assertThat(ThinkingRectifier.matches(400, relay)).isTrue();
        assertThat(ThinkingRectifier.matches(422, anthropicError("thinking.signature: Field required"))).isTrue();
    }

    @Test
    void otherErrorsDoNotMatch() {
        assertThat(ThinkingRectifier.matches(400, anthropicError("max_tokens: Field required"))).isFalse();
        assertThat(ThinkingRectifier.matches(400, anthropicError("prompt is too long: 210000 tokens > 200000 maximum"))).isFalse();
        assertThat(ThinkingRectifier.matches(400, anthropicError("Invalid request"))).isFalse();
        assertThat(ThinkingRectifier.matches(400, anthropicError(
                "`max_tokens` must be greater than `thinking.budget_tokens`"))).isFalse();
        assertThat(ThinkingRectifier.matches(429, anthropicError("Invalid `signature` in `thinking` block"))).isFalse();
        assertThat(ThinkingRectifier.matches(500, anthropicError("Invalid `signature` in `thinking` block"))).isFalse();
        assertThat(ThinkingRectifier.matches(400, new byte[0])).isFalse();
        assertThat(ThinkingRectifier.matches(400, null)).isFalse();
    }

    @Test
    void stripsThinkingBlocksAndSignaturesFromAssistantTurnsOnly() {
        Optional<byte[]> fixed = ThinkingRectifier.rectify(Fixtures.bytes("request_thinking.json"));
        assertThat(fixed).isPresent();
        JsonNode body = Fixtures.json(fixed.get());
        JsonNode messages = body.get("messages");
        assertThat(messages).hasSize(5);
        assertThat(messages.get(1).get("content")).hasSize(1);
        assertThat(messages.get(1).at("/content/0/type").asText()).isEqualTo("text");
        assertThat(messages.get(3).get("content")).hasSize(1);
        assertThat(messages.get(3).at("/content/0/type").asText()).isEqualTo("tool_use");
        assertThat(body.has("thinking")).as("the tool-use turn can no longer start with thinking").isFalse();
        assertThat(body.get("tools")).isEqualTo(Fixtures.json(Fixtures.bytes("request_thinking.json")).get("tools"));
        assertThat(body.get("max_tokens").asInt()).isEqualTo(16000);
    }

    @Test
    void adaptiveThinkingIsKeptAndSignatureFieldsOnOtherBlocksGo() {
        String req = "{\"model\":\"claude-opus-4-6\",\"max_tokens\":2048,\"thinking\":{\"type\":\"adaptive\"},\"messages\":["
                + "{\"role\":\"user\",\"content\":\"run it\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"plan\",\"signature\":\"gemini-sig\"},"
                + "{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"exec\",\"input\":{\"n\":0.70},\"signature\":\"gemini-sig-2\"}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t1\",\"content\":\"ok\"}]}]}";
        JsonNode body = rectified(bytes(req));
        assertThat(body.at("/thinking/type").asText()).isEqualTo("adaptive");
        JsonNode toolUse = body.at("/messages/1/content/0");
        assertThat(toolUse.has("signature")).isFalse();
        assertThat(new String(ThinkingRectifier.rectify(bytes(req)).orElseThrow(), StandardCharsets.UTF_8))
                .as("numbers are carried digit for digit").contains("\"n\":0.70");
    }

    @Test
    void anAssistantTurnOfOnlyThinkingIsRemoved() {
        String req = "{\"model\":\"m\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":\"a\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"redacted_thinking\",\"data\":\"xyz\"}]},"
                + "{\"role\":\"user\",\"content\":\"b\"}]}";
        JsonNode body = rectified(bytes(req));
        assertThat(body.get("messages")).hasSize(2);
    }

    @Test
    void enabledThinkingWithoutAnyThinkingBlockIsRemovedWhenTheLastTurnCallsATool() {
        // "must start with a thinking block": nothing to strip, but the setting cannot be satisfied
        byte[] req = withEnabledThinking("{\"role\":\"user\",\"content\":\"go\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"calling\"},{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":{}}]},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"t\",\"content\":\"done\"}]}");
        JsonNode body = rectified(req);
        assertThat(body.has("thinking")).isFalse();
        assertThat(body.get("messages")).hasSize(3);
    }

    @Test
    void enabledThinkingStaysWhenTheLastAssistantTurnNeedsNoThinking() {
        byte[] req = withEnabledThinking("{\"role\":\"user\",\"content\":\"q\"},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"t\",\"signature\":\"s\"},{\"type\":\"text\",\"text\":\"a\"}]},"
                + "{\"role\":\"user\",\"content\":\"next\"}");
        JsonNode body = rectified(req);
        assertThat(body.at("/thinking/budget_tokens").asInt()).isEqualTo(2000);
        assertThat(body.at("/messages/1/content").size()).isEqualTo(1);
    }

    @Test
    void aFinalPrefillCannotStartWithThinkingEither() {
        byte[] req = withEnabledThinking("{\"role\":\"user\",\"content\":\"q\"},{\"role\":\"assistant\",\"content\":\"The answer is\"}");
        assertThat(rectified(req).has("thinking")).isFalse();
    }

    @Test
    void nothingToStripMeansNoRetry() {
        assertThat(ThinkingRectifier.rectify(Fixtures.bytes("request_tools.json"))).isEmpty();
        assertThat(ThinkingRectifier.rectify(bytes("not json"))).isEmpty();
        assertThat(ThinkingRectifier.rectify(bytes("{\"model\":\"m\"}"))).isEmpty();
    }
}
