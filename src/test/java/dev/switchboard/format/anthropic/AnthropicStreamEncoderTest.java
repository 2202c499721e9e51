package dev.switchboard.format.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Canonical streams from other formats, whose blocks may overlap, written as Anthropic's strictly
 * sequential blocks.
 */
class AnthropicStreamEncoderTest {
    private static final StreamEvent START = new StreamEvent.Start("chatcmpl-9", "gpt-4.1", 0, Usage.NONE);
    private static final StreamEvent.Finish FINISH = new StreamEvent.Finish(StopReason.TOOL_USE, null,
            new Usage(30, 12, 10, 0, 0, false));

    /** Each written event as "name:index" (index of the block event, or nothing). */
    private static List<String> shape(String sse) {
        return Fixtures.events(sse).stream().map(e -> {
            JsonNode d = Fixtures.json(e.data());
            return d.has("index") ? e.event() + ":" + d.get("index").asInt() : e.event();
        }).toList();
    }

    private static String argsOf(List<StreamEvent> decoded, int index) {
        return decoded.stream().filter(e -> e instanceof StreamEvent.ToolArgsDelta t && t.index() == index)
                .map(e -> ((StreamEvent.ToolArgsDelta) e).fragment()).collect(Collectors.joining());
    }

    @Test
    void aBlockStartingWhileTextIsOpenClosesTheTextAndLateTextContinuesAfterTheToolCall() {
        String sse = Fixtures.encode(List.of(START,
                StreamEvent.BlockStart.text(0), new StreamEvent.TextDelta(0, "Let me look"),
                StreamEvent.BlockStart.toolCall(1, "call_1", "lookup"), new StreamEvent.ToolArgsDelta(1, "{\"q\":"),
                new StreamEvent.TextDelta(0, " that up."), new StreamEvent.ToolArgsDelta(1, "\"x\"}"),
                new StreamEvent.BlockStop(0), new StreamEvent.BlockStop(1), FINISH), "claude");
        assertThat(shape(sse)).containsExactly("message_start",
                "content_block_start:0", "content_block_delta:0", "content_block_stop:0",
                "content_block_start:1", "content_block_delta:1", "content_block_delta:1", "content_block_stop:1",
                "content_block_start:2", "content_block_delta:2", "content_block_stop:2",
                "message_delta", "message_stop");
        List<StreamEvent> back = Fixtures.decode(sse);
        assertThat(argsOf(back, 1)).isEqualTo("{\"q\":\"x\"}");
        assertThat(back).contains(new StreamEvent.TextDelta(2, " that up."));
    }

    @Test
    void parallelToolCallsThatInterleaveAreWrittenOneAfterTheOther() {
        String sse = Fixtures.encode(List.of(START,
                StreamEvent.BlockStart.toolCall(0, "call_a", "f"), new StreamEvent.ToolArgsDelta(0, "{\"a\":"),
                StreamEvent.BlockStart.toolCall(1, "call_b", "g"), new StreamEvent.ToolArgsDelta(1, "{\"b\":2}"),
                StreamEvent.BlockStart.text(2), new StreamEvent.TextDelta(2, "after"),
                new StreamEvent.ToolArgsDelta(0, "1}"), FINISH), "claude");
        List<StreamEvent> back = Fixtures.decode(sse);
        assertThat(back.getLast()).isEqualTo(FINISH);
        assertThat(argsOf(back, 0)).isEqualTo("{\"a\":1}");
        assertThat(argsOf(back, 1)).isEqualTo("{\"b\":2}");
        assertThat(back).contains(StreamEvent.BlockStart.toolCall(0, "call_a", "f"),
                StreamEvent.BlockStart.toolCall(1, "call_b", "g"), new StreamEvent.TextDelta(2, "after"));
        assertThat(shape(sse)).filteredOn(s -> s.startsWith("content_block_st")).containsExactly(
                "content_block_start:0", "content_block_stop:0", "content_block_start:1", "content_block_stop:1",
                "content_block_start:2", "content_block_stop:2");
    }

    @Test
    void aWaitingBlockThatStoppedIsFlushedWhenTheToolCallStops() {
        String sse = Fixtures.encode(List.of(START,
                StreamEvent.BlockStart.toolCall(0, "c", "f"),
                StreamEvent.BlockStart.thinking(1), new StreamEvent.ThinkingDelta(1, "hm"),
                new StreamEvent.SignatureDelta(1, "sig"), new StreamEvent.BlockStop(1),
                new StreamEvent.ToolArgsDelta(0, "{}"), new StreamEvent.BlockStop(0),
                StreamEvent.BlockStart.text(2), new StreamEvent.BlockStop(2), FINISH), "claude");
        List<StreamEvent> back = Fixtures.decode(sse);
        assertThat(back).contains(new StreamEvent.SignatureDelta(1, "sig"), new StreamEvent.ToolArgsDelta(0, "{}"));
        assertThat(shape(sse)).containsSubsequence("content_block_stop:0", "content_block_start:1", "content_block_stop:1",
                "content_block_start:2");
    }

    @Test
    void aSignatureForAThinkingBlockClosedEarlyIsLostNotMisplaced() {
        String sse = Fixtures.encode(List.of(START,
                StreamEvent.BlockStart.thinking(0), new StreamEvent.ThinkingDelta(0, "hm"),
                StreamEvent.BlockStart.text(1), new StreamEvent.TextDelta(1, "answer"),
                new StreamEvent.SignatureDelta(0, "late"), FINISH), "claude");
        assertThat(sse).doesNotContain("late");
        assertThat(Fixtures.decode(sse).getLast()).isInstanceOf(StreamEvent.Finish.class);
    }

    @Test
    void finalUsageGoesInMessageDeltaEvenWhenTheStartKnewNone() {
        String sse = Fixtures.encode(List.of(START, StreamEvent.BlockStart.text(0), new StreamEvent.TextDelta(0, "x"),
                FINISH), "claude");
        List<SseEvent> events = Fixtures.events(sse);
        assertThat(Fixtures.json(events.get(0).data()).at("/message/usage/input_tokens").asLong()).isZero();
        JsonNode usage = Fixtures.json(events.get(events.size() - 2).data()).get("usage");
        assertThat(usage.get("input_tokens").asLong()).isEqualTo(20);
        assertThat(usage.get("cache_read_input_tokens").asLong()).isEqualTo(10);
        assertThat(usage.get("output_tokens").asLong()).isEqualTo(12);
    }

    @Test
    void anErrorIsTheLastEventWritten() {
        String sse = Fixtures.encode(List.of(START, StreamEvent.BlockStart.text(0), new StreamEvent.TextDelta(0, "x"),
                new StreamEvent.Error(ErrorKind.OVERLOADED, "Overloaded", Usage.NONE), new StreamEvent.TextDelta(0, "y"),
                FINISH), "claude");
        assertThat(shape(sse)).containsExactly("message_start", "content_block_start:0", "content_block_delta:0", "error");
        assertThat(Fixtures.json(Fixtures.events(sse).getLast().data()).at("/error/type").asText()).isEqualTo("overloaded_error");
    }

    @Test
    void aStreamWithoutStartGetsOneUnderTheClientsModel() {
        String sse = Fixtures.encode(List.of(StreamEvent.BlockStart.text(0), new StreamEvent.TextDelta(0, "x"),
                new StreamEvent.BlockStop(0), FINISH, FINISH), "claude-opus-4-6");
        assertThat(Fixtures.json(Fixtures.events(sse).get(0).data()).at("/message/model").asText()).isEqualTo("claude-opus-4-6");
        assertThat(shape(sse)).endsWith("message_delta", "message_stop").filteredOn("message_stop"::equals).hasSize(1);
    }
}
