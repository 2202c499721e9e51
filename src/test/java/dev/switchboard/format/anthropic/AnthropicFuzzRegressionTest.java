package dev.switchboard.format.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import dev.switchboard.sse.SseReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the streams under {@code fixtures/anthropic/fuzz/}: hand-made hostile streams and any input
 * the fuzz property ever found failing, raw bytes through the SSE reader as an upstream sends them.
 */
class AnthropicFuzzRegressionTest {

    static Stream<String> corpus() {
        try (Stream<Path> files = Files.list(Fixtures.dir("fuzz"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<StreamEvent> replay(String name) {
        List<SseEvent> events = new ArrayList<>();
        new SseReader(1 << 16, events::add).feed(Fixtures.bytes("fuzz/" + name));
        return Fixtures.decode(events, new AnthropicStreamDecoder(Fixtures.CLOCK));
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void everyCorpusStreamDecodesToOneWellFormedEnding(String name) {
        List<StreamEvent> out = replay(name);
        CanonicalStreamCheck.assertWellFormed(out);
        assertThat(Fixtures.events(Fixtures.encode(out, "m")).getLast().event()).isIn("message_stop", "error");
    }

    @ParameterizedTest
    @CsvSource({"truncated_mid_event.sse,Error", "reordered_stop_before_delta.sse,Error",
        "duplicated_message_stop.sse,Finish", "garbage_and_nesting.sse,Error", "html_instead_of_stream.sse,Error"})
    void handMadeStreamsEndAsExpected(String name, String terminal) {
        assertThat(replay(name).getLast().getClass().getSimpleName()).isEqualTo(terminal);
    }
}
