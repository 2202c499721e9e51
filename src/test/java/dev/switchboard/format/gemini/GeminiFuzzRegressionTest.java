package dev.switchboard.format.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sse.SseEvent;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every input kept under {@code fixtures/gemini/fuzz/} (found by the fuzz run or written by hand) stays handled. */
class GeminiFuzzRegressionTest {
    static Stream<String> inputs() throws IOException, URISyntaxException {
        Path dir = Path.of(GeminiFuzzRegressionTest.class.getResource("/fixtures/gemini/fuzz").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sse")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("inputs")
    void replays(String name) {
        List<String> datas = GeminiFixtures.events(GeminiFixtures.text("fuzz/" + name)).stream().map(SseEvent::data).toList();
        assertThat(StreamInvariants.check(new GeminiStreamDecoder(GeminiFixtures.CLOCK), datas)).isNull();
    }
}
