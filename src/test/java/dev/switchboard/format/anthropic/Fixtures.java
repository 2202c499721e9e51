package dev.switchboard.format.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.Json;
import dev.switchboard.format.StreamDecoder;
import dev.switchboard.format.StreamEncoder;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import dev.switchboard.sse.SseReader;
import dev.switchboard.sse.StreamText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Golden fixtures under {@code fixtures/anthropic/} and the comparisons the codec tests share. */
final class Fixtures {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);
    static final String DIR = "/fixtures/anthropic/";

    private Fixtures() {}

    static Path dir(String sub) {
        try {
            return Path.of(Fixtures.class.getResource(DIR + sub).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fixture names (relative to the folder) that start with {@code prefix} and are not expectations. */
    static Stream<String> inputs(String prefix) {
        try (Stream<Path> files = Files.list(dir(""))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix) && !n.contains(".expected."))
                    .sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // fixture sets for @MethodSource("dev.switchboard.format.anthropic.Fixtures#…")
    static Stream<String> requests() {
        return inputs("request_");
    }

    static Stream<String> responses() {
        return inputs("response_");
    }

    static Stream<String> streams() {
        return inputs("stream_");
    }

    static Stream<String> errors() {
        return inputs("error_");
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(dir("").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** The golden output for an input: {@code x.expected.ext} when it exists, else the input itself. */
    static String expectedName(String input) {
        int dot = input.lastIndexOf('.');
        String candidate = input.substring(0, dot) + ".expected" + input.substring(dot);
        return Files.exists(dir("").resolve(candidate)) ? candidate : input;
    }

    static JsonNode json(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String body) {
        return json(body.getBytes(StandardCharsets.UTF_8));
    }

    static void assertSameJson(byte[] actual, byte[] expected) {
        assertThat(json(actual)).isEqualTo(json(expected));
    }

    static List<SseEvent> events(String sse) {
        List<SseEvent> out = new ArrayList<>();
        new SseReader(1 << 20, out::add).feed(sse.getBytes(StandardCharsets.UTF_8));
        return out.stream().filter(e -> e.data() != null).toList();
    }

    /** Event by event: same names, structurally equal data. */
    static void assertSameStream(String actual, String expected) {
        List<SseEvent> a = events(actual);
        List<SseEvent> e = events(expected);
        for (int i = 0; i < Math.min(a.size(), e.size()); i++) {
            assertThat(a.get(i).event()).as("event %d name", i).isEqualTo(e.get(i).event());
            assertThat(json(a.get(i).data())).as("event %d (%s) data", i, e.get(i).event()).isEqualTo(json(e.get(i).data()));
        }
        assertThat(a).as("event count").hasSameSizeAs(e);
    }

    static List<StreamEvent> decode(String sse) {
        return decode(events(sse), new AnthropicStreamDecoder(CLOCK));
    }

    static List<StreamEvent> decode(List<SseEvent> events, StreamDecoder decoder) {
        List<StreamEvent> out = new ArrayList<>();
        for (SseEvent e : events) {
            decoder.onEvent(e, out);
        }
        decoder.onEnd(out);
        return out;
    }

    static String encode(List<StreamEvent> events, String model) {
        StreamEncoder encoder = new AnthropicStreamEncoder(model);
        StreamText out = new StreamText();
        events.forEach(e -> encoder.encode(e, out));
        return out.toString();
    }
}
