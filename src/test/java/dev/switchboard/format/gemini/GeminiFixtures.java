package dev.switchboard.format.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.Json;
import dev.switchboard.format.StreamDecoder;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import dev.switchboard.sse.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Loading and comparing the golden files under {@code fixtures/gemini/}. */
final class GeminiFixtures {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private GeminiFixtures() {}

    static boolean exists(String name) {
        return GeminiFixtures.class.getResource("/fixtures/gemini/" + name) != null;
    }

    static byte[] bytes(String name) {
        try (InputStream in = GeminiFixtures.class.getResourceAsStream("/fixtures/gemini/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    static JsonNode json(byte[] bytes) {
        try {
            return Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        return json(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Structural JSON equality (object key order does not matter, array order does). */
    static void assertSameJson(byte[] actual, byte[] expected) {
        assertThat(json(actual)).isEqualTo(json(expected));
    }

    static List<SseEvent> events(String sse) {
        List<SseEvent> out = new ArrayList<>();
        SseReader reader = new SseReader(1 << 20, out::add);
        reader.feed(sse.getBytes(StandardCharsets.UTF_8));
        return out.stream().filter(e -> e.data() != null).toList();
    }

    /** Event by event: same count, each {@code data:} equal as JSON. */
    static void assertSameSse(String actual, String expected) {
        List<SseEvent> a = events(actual);
        List<SseEvent> e = events(expected);
        assertThat(a).as("events of\n" + actual).hasSameSizeAs(e);
        for (int i = 0; i < a.size(); i++) {
            assertThat(json(a.get(i).data())).as("event " + i).isEqualTo(json(e.get(i).data()));
        }
    }

    static List<StreamEvent> decode(StreamDecoder decoder, String sse) {
        List<StreamEvent> out = new ArrayList<>();
        for (SseEvent e : events(sse)) {
            decoder.onEvent(e, out);
        }
        decoder.onEnd(out);
        return out;
    }
}
