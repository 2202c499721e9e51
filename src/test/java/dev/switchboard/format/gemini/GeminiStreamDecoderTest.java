package dev.switchboard.format.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.model.chat.StreamEvent.BlockStart;
import dev.switchboard.model.chat.StreamEvent.BlockStop;
import dev.switchboard.model.chat.StreamEvent.Finish;
import dev.switchboard.model.chat.StreamEvent.Start;
import dev.switchboard.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical events a Gemini upstream's stream becomes. */
class GeminiStreamDecoderTest {
    private static final long NOW = GeminiFixtures.NOW.getEpochSecond();
    private final GeminiStreamDecoder decoder = new GeminiStreamDecoder(GeminiFixtures.CLOCK);

    private List<StreamEvent> fixture(String name) {
        return GeminiFixtures.decode(decoder, GeminiFixtures.text(name + ".sse"));
    }

    @Test
    void textDeltasInOneBlockAndFinishAtTheEnd() {
        assertThat(fixture("stream-text")).containsExactly(
                new Start("IZI2acSKMoWl0-kPmYj2yQc", "gemini-2.5-flash", NOW, new Usage(4, 36, 0, 0, 32, false)),
                BlockStart.text(0),
                new StreamEvent.TextDelta(0, "Okay, here is"),
                new StreamEvent.TextDelta(0, " a haiku about\nautumn leaves"),
                new StreamEvent.TextDelta(0, " falling."),
                new BlockStop(0),
                new Finish(StopReason.END_TURN, null, new Usage(4, 43, 0, 0, 32, false)));
        assertThat(decoder.finished()).isTrue();
    }

    @Test
    void functionCallsArriveWholeAsOneBlockEach() {
        assertThat(fixture("stream-function-call")).containsExactly(
                new Start("qpc2afWVFJK4vr0Pq6WiyAU", "gemini-2.5-flash", NOW, new Usage(83, 6, 0, 0, 0, false)),
                BlockStart.text(0),
                new StreamEvent.TextDelta(0, "Let me check both cities."),
                new BlockStop(0),
                new BlockStart(1, BlockKind.TOOL_CALL, "call_qpc2afWVFJK4vr0Pq6WiyAU_0", "getWeather", null,
                        "CikBcsjafFK168IbtVtoxVV0Tsn8O+eU45rz"),
                new StreamEvent.ToolArgsDelta(1, "{\"location\":\"Tokyo\"}"),
                new BlockStop(1),
                new BlockStart(2, BlockKind.TOOL_CALL, "call_qpc2afWVFJK4vr0Pq6WiyAU_1", "getWeather", null, null),
                new StreamEvent.ToolArgsDelta(2, "{\"location\":\"Osaka\"}"),
                new BlockStop(2),
                new Finish(StopReason.TOOL_USE, null, new Usage(83, 138, 0, 0, 104, false)));
    }

    @Test
    void thoughtsThenTextThenTheSignatureOfTheAnswer() {
        assertThat(fixture("stream-thinking")).containsExactly(
                new Start("r7bRaJ2xCfqY1MkP3qSL8QE", "gemini-2.5-pro", NOW, new Usage(12, 200, 0, 0, 200, false)),
                BlockStart.thinking(0),
                new StreamEvent.ThinkingDelta(0, "**Counting eggs**\n\nThree boxes"),
                new StreamEvent.ThinkingDelta(0, " of twelve make thirty-six."),
                new BlockStop(0),
                BlockStart.text(1),
                new StreamEvent.TextDelta(1, "There are 36 eggs."),
                new BlockStop(1),
                BlockStart.thinking(2),
                new StreamEvent.SignatureDelta(2, "CtYBAdHtim9Kd2VpZ2hpbmc="),
                new BlockStop(2),
                new Finish(StopReason.END_TURN, null, new Usage(12, 406, 4, 0, 400, false)));
    }

    @Test
    void aSignatureOnAThoughtSealsItsBlock() {
        List<StreamEvent> out = feed("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hmm\",\"thought\":true,"
                + "\"thoughtSignature\":\"s1\"},{\"text\":\"more\",\"thought\":true}]},\"finishReason\":\"STOP\"}],\"responseId\":\"r\"}");
        decoder.onEnd(out);
        assertThat(out).containsSubsequence(BlockStart.thinking(0), new StreamEvent.ThinkingDelta(0, "Hmm"),
                new StreamEvent.SignatureDelta(0, "s1"), new BlockStop(0), BlockStart.thinking(1),
                new StreamEvent.ThinkingDelta(1, "more"), new BlockStop(1));
    }

    @Test
    void anErrorChunkEndsTheStreamWithItsKindAndTheUsageSoFar() {
        List<StreamEvent> out = fixture("stream-error");
        assertThat(out.get(out.size() - 1)).isEqualTo(new StreamEvent.Error(ErrorKind.OVERLOADED,
                "The model is overloaded. Please try again later.", new Usage(7, 6, 0, 0, 0, false)));
        assertThat(out).filteredOn(e -> e instanceof StreamEvent.TextDelta).hasSize(1);
    }

    @Test
    void aStreamThatEndsWithoutAFinishReasonIsAnError() {
        List<StreamEvent> out = fixture("stream-truncated");
        assertThat(out.get(out.size() - 1)).isEqualTo(new StreamEvent.Error(ErrorKind.UPSTREAM_ERROR,
                "Gemini stream ended before its finishReason", new Usage(7, 3, 0, 0, 0, false)));
        List<StreamEvent> empty = new ArrayList<>();
        GeminiStreamDecoder fresh = new GeminiStreamDecoder(GeminiFixtures.CLOCK);
        fresh.onEnd(empty);
        assertThat(empty).singleElement().isInstanceOf(StreamEvent.Error.class);
    }

    @Test
    void aBlockedPromptFinishesWithTheContentFilter() {
        assertThat(fixture("stream-blocked")).containsExactly(
                new Start("bl0ck3d", "gemini-2.5-flash", NOW, new Usage(9, 0, 0, 0, 0, false)),
                new Finish(StopReason.CONTENT_FILTER, null, new Usage(9, 0, 0, 0, 0, false)));
    }

    @Test
    void garbageBecomesOneErrorAndTheRestIsIgnored() {
        for (String garbage : List.of("not json", "[DONE]", "{}", "[1,2]", "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":7}]}}]}")) {
            GeminiStreamDecoder d = new GeminiStreamDecoder(GeminiFixtures.CLOCK);
            List<StreamEvent> out = new ArrayList<>();
            d.onEvent(event(garbage), out);
            d.onEvent(event("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"late\"}]},\"finishReason\":\"STOP\"}]}"), out);
            d.onEnd(out);
            assertThat(out).as(garbage).filteredOn(e -> e instanceof StreamEvent.Error).hasSize(1);
            assertThat(out.get(out.size() - 1)).as(garbage).isInstanceOf(StreamEvent.Error.class);
            assertThat(d.finished()).isTrue();
        }
    }

    @Test
    void keepAlivesCommentsAndOtherCandidatesAreIgnored() {
        List<StreamEvent> out = new ArrayList<>();
        decoder.onEvent(new SseEvent(null, null, "\n".getBytes(StandardCharsets.UTF_8)), out);
        out.addAll(feed("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"zero\"}]},\"index\":0},"
                + "{\"content\":{\"parts\":[{\"text\":\"one\"}]},\"index\":1}],\"responseId\":\"r\"}"));
        assertThat(out).filteredOn(e -> e instanceof StreamEvent.TextDelta)
                .containsExactly(new StreamEvent.TextDelta(0, "zero"));
    }

    @Test
    void contentAfterTheFinishReasonIsAnErrorButLateUsageIsWelcome() {
        List<StreamEvent> out = feed("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"finishReason\":\"STOP\"}],"
                + "\"responseId\":\"r\"}", "{\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":1}}");
        decoder.onEnd(out);
        assertThat(out.get(out.size() - 1)).isEqualTo(new Finish(StopReason.END_TURN, null, new Usage(3, 1, 0, 0, 0, false)));

        GeminiStreamDecoder d = new GeminiStreamDecoder(GeminiFixtures.CLOCK);
        List<StreamEvent> late = new ArrayList<>();
        d.onEvent(event("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"a\"}]},\"finishReason\":\"STOP\"}]}"), late);
        d.onEvent(event("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"b\"}]}}]}"), late);
        assertThat(late.get(late.size() - 1)).isInstanceOf(StreamEvent.Error.class);
    }

    private List<StreamEvent> feed(String... chunks) {
        List<StreamEvent> out = new ArrayList<>();
        for (String c : chunks) {
            decoder.onEvent(event(c), out);
        }
        return out;
    }

    private static SseEvent event(String data) {
        return new SseEvent(null, data, ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
}
