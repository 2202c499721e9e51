package dev.switchboard.format.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.model.chat.StreamEvent.BlockStart;
import dev.switchboard.model.chat.StreamEvent.BlockStop;
import dev.switchboard.sse.StreamText;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Streams from other formats as the {@code alt=sse} chunks a Gemini client reads. */
class GeminiStreamEncoderTest {
    /** The JS SDK's own chunk pattern: one {@code data: } line, then a blank line. */
    private static final Pattern SDK_LINE = Pattern.compile("^data: (.*)(?:\\n\\n|\\r\\r|\\r\\n\\r\\n)");
    private static final Usage USAGE = new Usage(20, 30, 5, 0, 10, false);

    private static String encode(StreamEvent... events) {
        GeminiStreamEncoder encoder = new GeminiStreamEncoder();
        StreamText out = new StreamText();
        for (StreamEvent e : events) {
            encoder.encode(e, out);
        }
        return out.toString();
    }

    @Test
    void anAnthropicStreamWithThinkingTextAndAFragmentedToolCall() {
        String sse = encode(
                new StreamEvent.Start("msg_1", "claude-sonnet-4-5", 1, new Usage(20, 0, 0, 0, 0, false)),
                BlockStart.thinking(0),
                new StreamEvent.ThinkingDelta(0, "Let me"),
                new StreamEvent.ThinkingDelta(0, " think."),
                new StreamEvent.SignatureDelta(0, "EqQBCgIYAh"),
                new BlockStop(0),
                BlockStart.text(1),
                new StreamEvent.TextDelta(1, "Looking it up."),
                new BlockStop(1),
                BlockStart.toolCall(2, "toolu_1", "lookup"),
                new StreamEvent.ToolArgsDelta(2, "{\"q\":"),
                new StreamEvent.ToolArgsDelta(2, "\"cats\"}"),
                new BlockStop(2),
                new StreamEvent.Finish(StopReason.TOOL_USE, null, USAGE));
        String meta = ",\"modelVersion\":\"claude-sonnet-4-5\",\"responseId\":\"msg_1\"}";
        GeminiFixtures.assertSameSse(sse, String.join("\n\n",
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Let me\",\"thought\":true}],\"role\":\"model\"},\"index\":0}]" + meta,
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" think.\",\"thought\":true}],\"role\":\"model\"},\"index\":0}]" + meta,
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\",\"thought\":true,\"thoughtSignature\":\"EqQBCgIYAh\"}],\"role\":\"model\"},\"index\":0}]" + meta,
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Looking it up.\"}],\"role\":\"model\"},\"index\":0}]" + meta,
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"id\":\"toolu_1\",\"name\":\"lookup\",\"args\":{\"q\":\"cats\"}}}],\"role\":\"model\"},\"index\":0}]" + meta,
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}],\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":20,\"candidatesTokenCount\":20,\"totalTokenCount\":50,"
                        + "\"cachedContentTokenCount\":5,\"thoughtsTokenCount\":10}" + meta,
                ""));
    }

    @Test
    void interleavedParallelCallsGoOutWholeInTheOrderTheyStop() {
        String sse = encode(new StreamEvent.Start("chatcmpl-1", "gpt-4.1", 1, Usage.NONE),
                BlockStart.toolCall(0, "call_a", "f"), BlockStart.toolCall(1, "call_b", "g"),
                new StreamEvent.ToolArgsDelta(0, "{\"x\""), new StreamEvent.ToolArgsDelta(1, "{}"),
                new StreamEvent.ToolArgsDelta(0, ":1}"), new BlockStop(1), new BlockStop(0),
                new StreamEvent.Finish(StopReason.TOOL_USE, null, USAGE));
        List<String> calls = GeminiFixtures.events(sse).stream()
                .map(e -> GeminiFixtures.json(e.data()).at("/candidates/0/content/parts/0/functionCall"))
                .filter(n -> !n.isMissingNode()).map(n -> n.get("id").asText() + n.get("args")).toList();
        assertThat(calls).containsExactly("call_b{}", "call_a{\"x\":1}");
    }

    @Test
    void aCallWhoseStopNeverCameIsStillSentBeforeTheEnd() {
        String sse = encode(new StreamEvent.Start("r", "m", 1, Usage.NONE), BlockStart.toolCall(0, "c", "f"),
                new StreamEvent.ToolArgsDelta(0, "{}"), new StreamEvent.Finish(StopReason.TOOL_USE, null, USAGE));
        assertThat(GeminiFixtures.events(sse)).hasSize(2);
        assertThat(GeminiFixtures.json(GeminiFixtures.events(sse).get(0).data()).at("/candidates/0/content/parts/0/functionCall/name")
                .asText()).isEqualTo("f");
    }

    @Test
    void anErrorIsTheLastChunkAndNothingFollowsIt() {
        String sse = encode(new StreamEvent.Start("r", "m", 1, Usage.NONE), BlockStart.text(0),
                new StreamEvent.TextDelta(0, "par"),
                new StreamEvent.Error(ErrorKind.RATE_LIMITED, "slow down", Usage.NONE),
                new StreamEvent.TextDelta(0, "tial"), new StreamEvent.Finish(StopReason.END_TURN, null, USAGE));
        var events = GeminiFixtures.events(sse);
        assertThat(events).hasSize(2);
        assertThat(GeminiFixtures.json(events.get(1).data())).isEqualTo(GeminiFixtures.json(
                "{\"error\":{\"code\":429,\"message\":\"slow down\",\"status\":\"RESOURCE_EXHAUSTED\"}}"));
    }

    @Test
    void theStartUsageStandsInWhenTheFinishHasNone() {
        String sse = encode(new StreamEvent.Start("r", "m", 1, new Usage(7, 0, 0, 0, 0, false)),
                new StreamEvent.Finish(StopReason.END_TURN, null, Usage.NONE));
        assertThat(GeminiFixtures.json(GeminiFixtures.events(sse).get(0).data()).at("/usageMetadata/promptTokenCount").asInt())
                .isEqualTo(7);
    }

    @Test
    void redactedThinkingHasNoGeminiFormAndIsNotSent() {
        String sse = encode(new StreamEvent.Start("r", "m", 1, Usage.NONE),
                new BlockStart(0, BlockKind.REDACTED_THINKING, null, null, "opaque", null), new BlockStop(0),
                new StreamEvent.Finish(StopReason.END_TURN, null, USAGE));
        assertThat(GeminiFixtures.events(sse)).hasSize(1);
    }

    @Test
    void everyChunkIsOneDataLineAsTheSdksParseIt() {
        String sse = encode(new StreamEvent.Start("r", "m", 1, Usage.NONE), BlockStart.text(0),
                new StreamEvent.TextDelta(0, "line one\nline two\r\n\"quoted\""), new BlockStop(0),
                new StreamEvent.Finish(StopReason.END_TURN, null, USAGE));
        String rest = sse;
        int chunks = 0;
        while (!rest.isEmpty()) {
            var m = SDK_LINE.matcher(rest);
            assertThat(m.find()).as(rest).isTrue();
            GeminiFixtures.json(m.group(1)); // each line is complete JSON
            rest = rest.substring(m.end());
            chunks++;
        }
        assertThat(chunks).isEqualTo(2);
    }
}
