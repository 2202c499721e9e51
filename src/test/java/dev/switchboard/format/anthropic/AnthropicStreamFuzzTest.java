package dev.switchboard.format.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * Feeds the stream decoder truncated, reordered, duplicated and garbage events (mutations of valid
 * streams) and checks it never throws and always ends in one well-formed canonical stream, which the
 * encoder can write. The default-suite variant is short; the {@code fuzz}-tagged one runs
 * {@code jqwik.tries.default} tries (e.g. {@code -Djqwik.tries.default=400000 -Dgroups=fuzz}).
 */
class AnthropicStreamFuzzTest {
    /** Shapes a broken or hostile upstream might send; {@code N} becomes a small index. */
    private static final List<String> GARBAGE = List.of(
            "{\"type\":\"content_block_delta\",\"index\":N,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}",
            "{\"type\":\"content_block_delta\",\"index\":N,\"delta\":{\"type\":\"input_json_delta\"}}",
            "{\"type\":\"content_block_delta\",\"index\":N,\"delta\":{\"type\":\"signature_delta\",\"signature\":7}}",
            "{\"type\":\"content_block_start\",\"index\":N,\"content_block\":{\"type\":\"tool_use\"}}",
            "{\"type\":\"content_block_start\",\"index\":N,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"t\",\"signature\":\"s\"}}",
            "{\"type\":\"content_block_start\",\"index\":N,\"content_block\":null}",
            "{\"type\":\"content_block_stop\",\"index\":N}",
            "{\"type\":\"content_block_stop\",\"index\":1e400}",
            "{\"type\":\"message_start\",\"message\":{\"id\":1}}",
            "{\"type\":\"message_start\",\"message\":{\"id\":\"m\",\"usage\":{\"input_tokens\":\"many\"}}}",
            "{\"type\":\"message_delta\",\"delta\":null,\"usage\":[]}",
            "{\"type\":\"message_stop\"}",
            "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}",
            "{\"type\":\"error\"}",
            "{\"type\":\"ping\"}", "{\"type\":42}", "{}", "[]", "null", "[DONE]", "", "{\"type\":\"message_start\"",
            "\u0000\uFFFD", "{\"a\":" + "[".repeat(300) + "]".repeat(300) + "}");

    private record Mutation(int kind, int at, String garbage) {}

    @Provide
    Arbitrary<List<SseEvent>> mutatedStreams() {
        Arbitrary<List<SseEvent>> valid = Arbitraries.oneOf(
                AnthropicArbitraries.streams().map(events -> Fixtures.events(Fixtures.encode(events, "m"))),
                Arbitraries.of(Fixtures.inputs("stream_").toList()).map(name -> Fixtures.events(Fixtures.text(name))));
        Arbitrary<String> garbage = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(GARBAGE), Arbitraries.integers().between(0, 6))
                        .as((g, n) -> g.replace("N", Integer.toString(n))),
                Arbitraries.strings().ofMaxLength(40));
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, 10_000), garbage).as(Mutation::new);
        return Combinators.combine(valid, mutation.list().ofMaxSize(6)).as(AnthropicStreamFuzzTest::mutate);
    }

    private static List<SseEvent> mutate(List<SseEvent> valid, List<Mutation> mutations) {
        List<SseEvent> events = new ArrayList<>(valid);
        for (Mutation m : mutations) {
            int size = events.size();
            int i = size == 0 ? 0 : m.at() % size;
            switch (m.kind()) {
                case 0 -> events.subList(i, size).clear(); // truncate
                case 1 -> {
                    if (size > 0) {
                        events.remove(i); // lose one
                    }
                }
                case 2 -> {
                    if (size > 0) {
                        events.add(i, events.get(i)); // duplicate
                    }
                }
                case 3 -> {
                    if (size > 1) {
                        events.set(i, events.set((i + 1) % size, events.get(i))); // swap two
                    }
                }
                case 4 -> events.add(Math.min(i, size), event(null, m.garbage())); // inject
                default -> {
                    if (size > 0 && events.get(i).data() != null) {
                        String data = events.get(i).data(); // cut an event's data short
                        events.set(i, event(events.get(i).event(), data.substring(0, m.at() % (data.length() + 1))));
                    }
                }
            }
        }
        return events;
    }

    private static SseEvent event(String name, String data) {
        return new SseEvent(name, data, ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    static void check(List<SseEvent> events) {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(Fixtures.CLOCK);
        List<StreamEvent> out = Fixtures.decode(events, decoder);
        assertThat(decoder.finished()).isTrue();
        CanonicalStreamCheck.assertWellFormed(out);
        String written = Fixtures.encode(out, "m");
        String lastEvent = Fixtures.events(written).getLast().event();
        assertThat(lastEvent).isIn("message_stop", "error");
    }

    @Property(tries = 250)
    void brokenStreamsEndInOneWellFormedTerminalEvent(@ForAll("mutatedStreams") List<SseEvent> events) {
        check(events);
    }

    @Property
    @Tag("fuzz")
    void fuzzBrokenStreams(@ForAll("mutatedStreams") List<SseEvent> events) {
        check(events);
    }
}
