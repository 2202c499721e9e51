package dev.switchboard.format.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.Json;
import dev.switchboard.format.StreamDecoder;
import dev.switchboard.format.StreamEncoder;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import dev.switchboard.sse.SseReader;
import dev.switchboard.sse.StreamText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Golden-fixture plumbing for codec tests: fixtures live under {@code src/test/resources/fixtures/};
 * JSON is compared as trees, SSE event by event (event name, then data as JSON when it is JSON).
 * Running with {@code -Dgolden.update=true} rewrites the expected files from the current output,
 * to be reviewed in the diff before committing.
 */
public final class CodecFixtures {
    private static final boolean UPDATE_ALL = Boolean.getBoolean("golden.update");

    private CodecFixtures() {}

    public static byte[] bytes(String path) {
        try (InputStream in = CodecFixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean exists(String path) {
        return CodecFixtures.class.getResource("/fixtures/" + path) != null;
    }

    public static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    public static JsonNode json(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<SseEvent> sse(String text) {
        List<SseEvent> events = new ArrayList<>();
        SseReader reader = new SseReader(1 << 20, e -> {
            if (e.data() != null || e.event() != null) {
                events.add(e);
            }
        });
        reader.feed(text.getBytes(StandardCharsets.UTF_8));
        return events;
    }

    public static List<StreamEvent> decode(StreamDecoder decoder, List<SseEvent> events) {
        List<StreamEvent> out = new ArrayList<>();
        for (SseEvent e : events) {
            decoder.onEvent(e, out);
        }
        decoder.onEnd(out);
        return out;
    }

    public static String encode(StreamEncoder encoder, List<StreamEvent> events) {
        StreamText out = new StreamText();
        events.forEach(e -> encoder.encode(e, out));
        return out.toString();
    }

    /** The call fails with a client error (400) naming {@code param}. */
    public static void assertRefused(ThrowingCallable call, String param) {
        assertThatThrownBy(call).isInstanceOfSatisfying(GatewayError.class, e -> {
            assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
            assertThat(e.param()).isEqualTo(param);
        });
    }

    /** Compares JSON with the golden file as trees (field order does not matter). */
    public static void assertJsonGolden(String path, byte[] actual) {
        if (update(path)) {
            write(path, json(actual).toPrettyString() + "\n");
            return;
        }
        assertThat(json(actual)).as(path).isEqualTo(json(bytes(path)));
    }

    /** Compares an SSE text with the golden file event by event. */
    public static void assertSseGolden(String path, String actual) {
        if (update(path)) {
            write(path, actual);
            return;
        }
        assertSseEquals(text(path), actual, path);
    }

    public static void assertSseEquals(String expected, String actual, String what) {
        List<SseEvent> want = sse(expected);
        List<SseEvent> got = sse(actual);
        for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
            assertThat(got.get(i).event()).as(what + " event #" + i + " name").isEqualTo(want.get(i).event());
            assertThat(dataTree(got.get(i))).as(what + " event #" + i + " data").isEqualTo(dataTree(want.get(i)));
        }
        assertThat(got).as(what + " event count").hasSameSizeAs(want);
    }

    /** Canonical events, one per line, compared with the golden file. */
    public static void assertEventsGolden(String path, List<StreamEvent> events) {
        StringBuilder sb = new StringBuilder();
        events.forEach(e -> sb.append(e).append('\n'));
        if (update(path)) {
            write(path, sb.toString());
            return;
        }
        assertThat(sb.toString()).as(path).isEqualTo(text(path));
    }

    /** Only expected-output files are ever rewritten; an input fixture compared with itself never is. */
    private static boolean update(String path) {
        return UPDATE_ALL && (path.contains(".expected.") || path.contains(".events."));
    }

    private static Object dataTree(SseEvent e) {
        if (e.data() == null || e.isDone()) {
            return e.data();
        }
        try {
            return Json.MAPPER.readTree(e.data());
        } catch (IOException ex) {
            return e.data();
        }
    }

    private static void write(String path, String content) {
        try {
            Path file = Path.of("src/test/resources/fixtures", path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
