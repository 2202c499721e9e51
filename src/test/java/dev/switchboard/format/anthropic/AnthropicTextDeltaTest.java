package dev.switchboard.format.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.format.Json;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The streaming read of text deltas takes exactly their shape and decodes exactly as the tree read does. */
class AnthropicTextDeltaTest {
    private static final String START = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"m\","
            + "\"usage\":{\"input_tokens\":7,\"output_tokens\":1}}}";
    private static final String TEXT_START = "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}";
    private static final String TOOL_START = "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":"
            + "{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"f\",\"input\":{}}}";

    @Test
    void readsTheExactShapeInAnyOrder() {
        assertThat(AnthropicTextDelta.parse("{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\\\"b\\n\\u00e9\"}}"))
                .isEqualTo(new AnthropicTextDelta(3, "a\"b\né"));
        assertThat(AnthropicTextDelta.parse("{\"delta\":{\"text\":\"\",\"type\":\"text_delta\"},\"index\":0,\"type\":\"content_block_delta\"}"))
                .isEqualTo(new AnthropicTextDelta(0, ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"},\"extra\":1}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\",\"citations\":[]}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"x\"}}",
        "{\"type\":\"content_block_delta\",\"index\":\"0\",\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}",
        "{\"type\":\"content_block_delta\",\"index\":-1,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0.5,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":5}}",
        "{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}",
        "{\"type\":\"ping\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}",
        "[1]", "", "not json"})
    void leavesEverythingElseToTheTreeRead(String data) {
        assertThat(AnthropicTextDelta.parse(data)).isNull();
    }

    /** Each case once with the SSE event name (streaming read when it fits) and once without (tree read). */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi \\ud83d\\ude00\"}}",
        "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"on a tool block\"}}",
        "{\"type\":\"content_block_delta\",\"index\":7,\"delta\":{\"type\":\"text_delta\",\"text\":\"never opened\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"},\"extra\":true}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\"}}"})
    void decodesAsTheTreeReadDoes(String delta) {
        List<StreamEvent> named = decode(delta, "content_block_delta");
        List<StreamEvent> unnamed = decode(delta, null);
        assertThat(named).isEqualTo(unnamed);
        assertThat(named).isNotEmpty();
    }

    /** The text match agrees with the parser on every token, and leaves alone whatever needs unescaping. */
    @Property(tries = 2000)
    void compactMatchAgreesWithTheParser(@ForAll @IntRange(max = 100_000) int index, @ForAll String text) {
        String data = "{\"type\":\"content_block_delta\",\"index\":" + index
                + ",\"delta\":{\"type\":\"text_delta\",\"text\":" + Json.MAPPER.getNodeFactory().textNode(text) + "}}";
        AnthropicTextDelta compact = AnthropicTextDelta.compact(data);
        assertThat(AnthropicTextDelta.parse(data)).isEqualTo(new AnthropicTextDelta(index, text));
        if (compact != null) {
            assertThat(compact).isEqualTo(new AnthropicTextDelta(index, text));
        } else {
            assertThat(text.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20))
                    .as("left to the parser: %s", data).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"type\":\"content_block_delta\",\"index\":01,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}",
        "{\"type\":\"content_block_delta\",\"index\":12345678901,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"b\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}} ",
        "{\"type\":\"content_block_delta\",\"index\":,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}",
        "{\"type\":\"content_block_delta\",\"index\":0\"}}"})
    void compactMatchRefusesWhatItCannotTakeAsText(String data) {
        assertThat(AnthropicTextDelta.compact(data)).isNull();
    }

    @Test
    void aDeltaForABlockJustStoppedIsAnErrorEvenRightAfterItsOwnDeltas() {
        List<StreamEvent> out = new ArrayList<>();
        AnthropicStreamDecoder d = new AnthropicStreamDecoder(Fixtures.CLOCK);
        String delta = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}";
        for (SseEvent e : List.of(sse("message_start", START), sse("content_block_start", TEXT_START),
                sse("content_block_delta", delta), sse("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
                sse("content_block_delta", delta))) {
            d.onEvent(e, out);
        }
        assertThat(out.getLast()).isInstanceOf(StreamEvent.Error.class);
        assertThat(((StreamEvent.Error) out.getLast()).message()).contains("not open");
    }

    @Test
    void deltasAlternatingBetweenBlocksGoToTheirOwnBlock() {
        List<StreamEvent> out = new ArrayList<>();
        AnthropicStreamDecoder d = new AnthropicStreamDecoder(Fixtures.CLOCK);
        String text = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}";
        String args = "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}";
        String textOnToolBlock = text.replace("\"index\":0", "\"index\":1");
        for (SseEvent e : List.of(sse("message_start", START), sse("content_block_start", TEXT_START),
                sse("content_block_start", TOOL_START), sse("content_block_delta", text), sse("content_block_delta", args),
                sse("content_block_delta", text), sse("content_block_delta", textOnToolBlock))) {
            d.onEvent(e, out);
        }
        assertThat(out).filteredOn(StreamEvent.TextDelta.class::isInstance).hasSize(2);
        assertThat(out).filteredOn(StreamEvent.ToolArgsDelta.class::isInstance).singleElement()
                .isEqualTo(new StreamEvent.ToolArgsDelta(1, "{}"));
        assertThat(out.getLast()).isInstanceOf(StreamEvent.Error.class); // text on the tool block
    }

    @Test
    void aDeltaBeforeTheMessageStartsIsAnError() {
        List<StreamEvent> out = new ArrayList<>();
        AnthropicStreamDecoder d = new AnthropicStreamDecoder(Fixtures.CLOCK);
        d.onEvent(sse("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}"), out);
        assertThat(out).singleElement().isInstanceOf(StreamEvent.Error.class);
        assertThat(((StreamEvent.Error) out.getFirst()).message()).contains("before message_start");
    }

    private static List<StreamEvent> decode(String delta, String name) {
        List<SseEvent> events = List.of(sse("message_start", START), sse("content_block_start", TEXT_START),
                sse("content_block_start", TOOL_START), sse(name, delta));
        List<StreamEvent> out = new ArrayList<>();
        AnthropicStreamDecoder d = new AnthropicStreamDecoder(Fixtures.CLOCK);
        events.forEach(e -> d.onEvent(e, out));
        return out;
    }

    private static SseEvent sse(String name, String data) {
        String raw = (name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n";
        return new SseEvent(name, data, raw.getBytes(StandardCharsets.UTF_8));
    }
}
