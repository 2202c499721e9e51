package dev.switchboard.format.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The upstream stream as canonical events, and one Error for anything out of order. */
class AnthropicStreamDecoderTest {
    private static final String START = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"m\","
            + "\"usage\":{\"input_tokens\":7,\"output_tokens\":1}}}";
    private static final String TEXT_START = "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}";
    private static final String TEXT_DELTA = "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}";
    private static final String STOP_0 = "{\"type\":\"content_block_stop\",\"index\":0}";
    private static final String DELTA = "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":5}}";
    private static final String MESSAGE_STOP = "{\"type\":\"message_stop\"}";

    private static SseEvent event(String data) {
        return new SseEvent(null, data, ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    private static List<StreamEvent> run(String... data) {
        List<SseEvent> events = new ArrayList<>();
        for (String d : data) {
            events.add(event(d));
        }
        return Fixtures.decode(events, new AnthropicStreamDecoder(Fixtures.CLOCK));
    }

    @Test
    void toolArgumentFragmentsConcatenateToTheInput() {
        List<StreamEvent> events = Fixtures.decode(Fixtures.text("stream_tool_use.sse"));
        String args = events.stream().filter(e -> e instanceof StreamEvent.ToolArgsDelta)
                .map(e -> ((StreamEvent.ToolArgsDelta) e).fragment()).collect(Collectors.joining());
        assertThat(Fixtures.json(args)).isEqualTo(Fixtures.json("{\"location\":\"San Francisco, CA\",\"unit\":\"fahrenheit\"}"));
        assertThat(events).contains(StreamEvent.BlockStart.toolCall(1, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather"));
        assertThat(events.getLast()).isEqualTo(new StreamEvent.Finish(StopReason.TOOL_USE, null, new Usage(472, 89, 0, 0, 0, false)));
    }

    @Test
    void thinkingSignaturesAndRedactedBlocks() {
        List<StreamEvent> events = Fixtures.decode(Fixtures.text("stream_thinking.sse"));
        assertThat(events.get(0)).isEqualTo(new StreamEvent.Start("msg_01ANQbB8zqHNGMNHbrfXdpCR", "claude-sonnet-4-5",
                Fixtures.CLOCK.instant().getEpochSecond(), Usage.NONE));
        assertThat(events).contains(new StreamEvent.SignatureDelta(0, "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds"));
        assertThat(events).contains(new StreamEvent.BlockStart(1, BlockKind.REDACTED_THINKING, null, null,
                "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP", null));
    }

    @Test
    void serverToolBlocksAreSkippedAndIndexesStayDense() {
        List<StreamEvent> events = Fixtures.decode(Fixtures.text("stream_server_tools.sse"));
        assertThat(events).filteredOn(e -> e instanceof StreamEvent.BlockStart).containsExactly(
                StreamEvent.BlockStart.text(0), StreamEvent.BlockStart.text(1));
        assertThat(events.getLast()).isEqualTo(new StreamEvent.Finish(StopReason.END_TURN, null, new Usage(10682, 510, 0, 0, 0, false)));
    }

    @Test
    void anErrorEventEndsTheStreamWithTheUsageSoFar() {
        List<StreamEvent> events = Fixtures.decode(Fixtures.text("stream_error.sse"));
        assertThat(events.getLast()).isEqualTo(new StreamEvent.Error(ErrorKind.OVERLOADED, "Overloaded", new Usage(12, 1, 0, 0, 0, false)));
    }

    @Test
    void cumulativeUsageInMessageDeltaReplacesTheStartCounts() {
        List<StreamEvent> events = run(START, "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"max_tokens\"},"
                + "\"usage\":{\"input_tokens\":100,\"cache_read_input_tokens\":50,\"output_tokens\":9,"
                + "\"output_tokens_details\":{\"thinking_tokens\":4}}}", MESSAGE_STOP);
        assertThat(events.getLast()).isEqualTo(new StreamEvent.Finish(StopReason.MAX_TOKENS, null, new Usage(150, 9, 50, 0, 4, false)));
    }

    @Test
    void aRelayThatSendsTheToolInputWholeStillYieldsArguments() {
        List<StreamEvent> events = run(START, "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                + "{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"f\",\"input\":{\"a\":1}}}", STOP_0, DELTA, MESSAGE_STOP);
        assertThat(events).contains(new StreamEvent.ToolArgsDelta(0, "{\"a\":1}"));
    }

    @Test
    void pingsUnknownEventsAndTheEventNameFallbackAreHandled() {
        List<SseEvent> events = List.of(event(START), event("{\"type\":\"ping\"}"), event("{\"type\":\"brand_new_event\"}"),
                new SseEvent("content_block_start", "{\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}", new byte[0]),
                event(TEXT_DELTA), event(STOP_0), event(DELTA), event(MESSAGE_STOP), event(TEXT_DELTA));
        List<StreamEvent> out = Fixtures.decode(events, new AnthropicStreamDecoder(Fixtures.CLOCK));
        assertThat(out).hasExactlyElementsOfTypes(StreamEvent.Start.class, StreamEvent.BlockStart.class,
                StreamEvent.TextDelta.class, StreamEvent.BlockStop.class, StreamEvent.Finish.class);
    }

    @Test
    void namedPingsAreSkippedInBothSpellingsAndOnlyAKeepAliveIsSkipped() {
        List<SseEvent> pings = List.of(new SseEvent("ping", "{\"type\": \"ping\"}", new byte[0]), event(START),
                new SseEvent("ping", "{\"type\":\"ping\"}", new byte[0]), event(TEXT_START), event(TEXT_DELTA),
                event(STOP_0), event(DELTA), event(MESSAGE_STOP));
        assertThat(Fixtures.decode(pings, new AnthropicStreamDecoder(Fixtures.CLOCK))).hasExactlyElementsOfTypes(
                StreamEvent.Start.class, StreamEvent.BlockStart.class, StreamEvent.TextDelta.class,
                StreamEvent.BlockStop.class, StreamEvent.Finish.class);

        List<SseEvent> garbage = List.of(event(START), new SseEvent("ping", "{\"type\":\"ping\"", new byte[0]));
        assertThat(Fixtures.decode(garbage, new AnthropicStreamDecoder(Fixtures.CLOCK)).getLast())
                .isInstanceOf(StreamEvent.Error.class);
    }

    /** Named events, as Anthropic sends them: the stop events' compact data takes the parse-free path. */
    private static List<StreamEvent> named(String... data) {
        List<SseEvent> events = new ArrayList<>();
        for (String d : data) {
            String name = AnthropicJson.textOrNull(AnthropicJson.tryObject(d), "type");
            events.add(new SseEvent(name, d, new byte[0]));
        }
        return Fixtures.decode(events, new AnthropicStreamDecoder(Fixtures.CLOCK));
    }

    /** The same event with spaces after the separators, which the general (parsing) path decodes. */
    private static String spaced(String compact) {
        return compact.replace("\":", "\": ").replace(",\"", ", \"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"in-order", "stop-unopened", "stop-twice", "stop-before-start", "message-stop-while-open",
        "message-stop-before-start", "big-index", "stop-after-message-stop"})
    void compactStopEventsDecodeAsTheirParsedSpellingDoes(String variant) {
        String stop3 = "{\"type\":\"content_block_stop\",\"index\":3}";
        String stopBig = "{\"type\":\"content_block_stop\",\"index\":123456789}";
        List<String> events = switch (variant) {
            case "in-order" -> List.of(START, TEXT_START, TEXT_DELTA, STOP_0, DELTA, MESSAGE_STOP);
            case "stop-unopened" -> List.of(START, TEXT_START, stop3);
            case "stop-twice" -> List.of(START, TEXT_START, STOP_0, STOP_0);
            case "stop-before-start" -> List.of(STOP_0, START);
            case "message-stop-while-open" -> List.of(START, TEXT_START, MESSAGE_STOP);
            case "message-stop-before-start" -> List.of(MESSAGE_STOP, START);
            case "big-index" -> List.of(START, TEXT_START, stopBig);
            default -> List.of(START, TEXT_START, STOP_0, DELTA, MESSAGE_STOP, STOP_0, MESSAGE_STOP);
        };
        List<StreamEvent> fast = named(events.toArray(String[]::new));
        List<StreamEvent> parsed = named(events.stream().map(e -> e.equals(STOP_0) || e.equals(stop3) || e.equals(stopBig)
                || e.equals(MESSAGE_STOP) ? spaced(e) : e).toArray(String[]::new));
        assertThat(fast).isEqualTo(parsed);
        assertThat(fast).isNotEmpty();
    }

    @Test
    void onlyTheExactCompactBlockStopSkipsTheParse() {
        assertThat(AnthropicCompactEvents.blockStopIndex("{\"type\":\"content_block_stop\",\"index\":0}")).isZero();
        assertThat(AnthropicCompactEvents.blockStopIndex("{\"type\":\"content_block_stop\",\"index\":42}")).isEqualTo(42);
        assertThat(AnthropicCompactEvents.blockStopIndex("{\"type\":\"content_block_stop\",\"index\":999999999}"))
                .isEqualTo(999_999_999);
        for (String other : List.of("{\"type\":\"content_block_stop\",\"index\":}", "{\"type\":\"content_block_stop\",\"index\":01}",
                "{\"type\":\"content_block_stop\",\"index\":-1}", "{\"type\":\"content_block_stop\",\"index\":1.0}",
                "{\"type\":\"content_block_stop\",\"index\":1000000000}", "{\"type\":\"content_block_stop\",\"index\":1,\"x\":2}",
                "{\"type\":\"content_block_stop\",\"index\":1", "{\"type\": \"content_block_stop\", \"index\": 1}")) {
            assertThat(AnthropicCompactEvents.blockStopIndex(other)).as(other).isEqualTo(-1);
        }
    }

    @Test
    void malformedStopDataOnANamedEventStillEndsInOneError() {
        for (String bad : List.of("{\"type\":\"content_block_stop\",\"index\":01}", "{\"type\":\"content_block_stop\",\"index\":0",
                "{\"type\":\"message_stop\"")) {
            String name = bad.contains("message_stop") ? "message_stop" : "content_block_stop";
            List<SseEvent> events = List.of(event(START), event(TEXT_START), new SseEvent(name, bad, new byte[0]));
            assertThat(Fixtures.decode(events, new AnthropicStreamDecoder(Fixtures.CLOCK)).getLast()).as(bad)
                    .isInstanceOf(StreamEvent.Error.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "delta-before-start", "double-start", "double-block-start", "delta-unopened", "delta-wrong-kind",
        "message-delta-while-open", "garbage", "stop-unopened", "start-without-id", "bad-index", "block-after-delta"})
    void outOfOrderOrGarbageBecomesOneError(String variant) {
        List<StreamEvent> out = switch (variant) {
            case "delta-before-start" -> run(TEXT_DELTA, START);
            case "double-start" -> run(START, START, MESSAGE_STOP);
            case "double-block-start" -> run(START, TEXT_START, STOP_0, TEXT_START);
            case "delta-unopened" -> run(START, TEXT_DELTA);
            case "delta-wrong-kind" -> run(START, TEXT_START,
                    "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\"}}");
            case "message-delta-while-open" -> run(START, TEXT_START, DELTA, MESSAGE_STOP);
            case "garbage" -> run(START, "{not json", MESSAGE_STOP);
            case "stop-unopened" -> run(START, STOP_0);
            case "start-without-id" -> run("{\"type\":\"message_start\",\"message\":{}}");
            case "bad-index" -> run(START, "{\"type\":\"content_block_start\",\"index\":-1,\"content_block\":{\"type\":\"text\"}}");
            case "block-after-delta" -> run(START, DELTA, TEXT_START, STOP_0, MESSAGE_STOP);
            default -> throw new IllegalArgumentException(variant);
        };
        assertThat(out.getLast()).isInstanceOf(StreamEvent.Error.class);
        assertThat(out).filteredOn(e -> e instanceof StreamEvent.Error || e instanceof StreamEvent.Finish).hasSize(1);
        assertThat(((StreamEvent.Error) out.getLast()).kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
    }

    @Test
    void aTruncatedStreamEndsInAnErrorCarryingTheUsageSeen() {
        List<StreamEvent> out = run(START, TEXT_START, TEXT_DELTA);
        assertThat(out.getLast()).isEqualTo(new StreamEvent.Error(ErrorKind.UPSTREAM_ERROR,
                "Upstream stream ended before message_stop", new Usage(7, 1, 0, 0, 0, false)));
        AnthropicStreamDecoder d = new AnthropicStreamDecoder(Fixtures.CLOCK);
        List<StreamEvent> empty = new ArrayList<>();
        d.onEnd(empty);
        d.onEnd(empty);
        assertThat(empty).containsExactly(new StreamEvent.Error(ErrorKind.UPSTREAM_ERROR,
                "Upstream stream ended before message_start", Usage.NONE));
        assertThat(d.finished()).isTrue();
    }
}
