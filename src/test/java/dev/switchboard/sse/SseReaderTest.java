package dev.switchboard.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseReaderTest {
    private final List<SseEvent> events = new ArrayList<>();

    @Test
    void parsesEventsSplitAtEveryPossibleByte() {
        String stream = "event: a\ndata: one\n\ndata: two\ndata: lines\r\n\r\n: comment\ndata:three\r\rdata: [DONE]\n\n";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            events.clear();
            SseReader reader = SseReader.relaying(1024, events::add);
            reader.feed(bytes, 0, split);
            reader.feed(bytes, split, bytes.length - split);
            assertThat(events).extracting(SseEvent::data).as("split at %d", split)
                    .containsExactly("one", "two\nlines", "three", "[DONE]");
            assertThat(events.get(0).event()).isEqualTo("a");
            assertThat(events.get(3).isDone()).isTrue();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            events.forEach(e -> raw.writeBytes(e.raw()));
            // relaying the raw events reproduces the stream minus nothing but the comment's own event
            assertThat(raw.toString(StandardCharsets.UTF_8)).isEqualTo(stream);
        }
    }

    @Test
    void byteByByteFeedingGivesTheSameEvents() {
        byte[] bytes = "data: {\"a\":1}\n\ndata: x\n\n".getBytes(StandardCharsets.UTF_8);
        SseReader reader = new SseReader(1024, events::add);
        for (byte b : bytes) {
            reader.feed(new byte[] {b});
        }
        assertThat(events).extracting(SseEvent::data).containsExactly("{\"a\":1}", "x");
        assertThat(reader.hasPartialEvent()).isFalse();
    }

    @Test
    void unfinishedEventIsReported() {
        SseReader reader = new SseReader(1024, events::add);
        reader.feed("data: half".getBytes(StandardCharsets.UTF_8));
        assertThat(events).isEmpty();
        assertThat(reader.hasPartialEvent()).isTrue();
    }

    @Test
    void lineOverTheCapIsRefused() {
        SseReader reader = new SseReader(16, events::add);
        assertThatThrownBy(() -> reader.feed("data: 0123456789abcdef".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SseLimitExceededException.class);
    }

    @Test
    void fieldsOnlyReaderKeepsNoBytesButTheSameFields() {
        byte[] bytes = "event: ping\ndata: {\"a\":\"é\"}\n\n".getBytes(StandardCharsets.UTF_8);
        List<SseEvent> relayed = new ArrayList<>();
        new SseReader(1024, events::add).feed(bytes);
        SseReader.relaying(1024, relayed::add).feed(bytes);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.event()).isEqualTo("ping");
            assertThat(e.data()).isEqualTo("{\"a\":\"é\"}");
            assertThat(e.raw()).isEmpty();
        });
        assertThat(relayed).singleElement().satisfies(e -> assertThat(e.raw()).isEqualTo(bytes));
    }

    @Test
    void multibyteCharacterSplitAcrossChunksIsDecodedWhole() {
        byte[] bytes = "data: añb€\n\n".getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            events.clear();
            SseReader reader = new SseReader(1024, events::add);
            reader.feed(bytes, 0, split);
            reader.feed(bytes, split, bytes.length - split);
            assertThat(events).extracting(SseEvent::data).as("split at %d", split).containsExactly("añb€");
        }
    }

    @Test
    void lineOverTheCapIsRefusedWhenItArrivesInPieces() {
        SseReader reader = new SseReader(16, events::add);
        reader.feed("data: 0123".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> reader.feed("456789abcdef\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SseLimitExceededException.class);
    }

    @Test
    void eventOverFourLinesWorthIsRefusedEvenInShortLines() {
        SseReader reader = new SseReader(16, events::add);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) {
                reader.feed("data: 01234567\n".getBytes(StandardCharsets.UTF_8));
            }
        }).isInstanceOf(SseLimitExceededException.class);
        assertThat(events).isEmpty();
    }

    @Test
    void writerSplitsMultilineData() {
        assertThat(new String(SseWriter.event("x", "a\nb"), StandardCharsets.UTF_8))
                .isEqualTo("event: x\ndata: a\ndata: b\n\n");
    }
}
