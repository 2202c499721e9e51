package dev.switchboard.format.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.format.StreamDecoder;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Hostile stream input for decoder fuzzing: real streams (fixtures) truncated, with events dropped,
 * duplicated, swapped, cut in half, digits or types changed, or with garbage inserted. The invariant every decoder must keep:
 * no exception, finished after onEnd, and a well-formed canonical stream ending in exactly one
 * Finish or Error.
 */
public final class StreamFuzz {
    private StreamFuzz() {}

    /** One edit of an event list; positions are taken modulo the list size. */
    public record Mutation(int kind, int at, int other, String garbage) {
        List<SseEvent> apply(List<SseEvent> events) {
            List<SseEvent> out = new ArrayList<>(events);
            if (out.isEmpty()) {
                out.add(event(garbage));
                return out;
            }
            int i = Math.floorMod(at, out.size());
            int j = Math.floorMod(other, out.size());
            switch (kind) {
                case 0 -> out.subList(i, out.size()).clear(); // truncate
                case 1 -> out.remove(i);
                case 2 -> out.add(i, out.get(i)); // duplicate
                case 3 -> {
                    SseEvent a = out.get(i);
                    out.set(i, out.get(j));
                    out.set(j, a);
                }
                case 4 -> out.add(i, event(garbage));
                case 5 -> {
                    String data = out.get(i).data();
                    if (data != null && data.length() > 1) {
                        out.set(i, event(data.substring(0, 1 + Math.floorMod(other, data.length() - 1))));
                    }
                }
                case 6 -> out.add(i, new SseEvent(null, "[DONE]", "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)));
                case 7 -> out.set(i, event(changeDigit(out.get(i).data(), other)));
                default -> out.set(i, event(changeType(out.get(i).data(), other)));
            }
            return out;
        }
    }

    /** Another digit at one place: indexes, sequence numbers and token counts that do not add up. */
    static String changeDigit(String data, int seed) {
        if (data == null || data.isEmpty()) {
            return "0";
        }
        int at = Math.floorMod(seed, data.length());
        for (int k = 0; k < data.length(); k++) {
            int i = (at + k) % data.length();
            if (Character.isDigit(data.charAt(i))) {
                return data.substring(0, i) + (char) ('0' + Math.floorMod(seed / 7, 10)) + data.substring(i + 1);
            }
        }
        return data;
    }

    private static final List<String> TYPES = List.of("response.created", "response.output_item.added",
            "response.output_item.done", "response.content_part.added", "response.content_part.done",
            "response.output_text.delta", "response.output_text.done", "response.function_call_arguments.delta",
            "response.function_call_arguments.done", "response.reasoning_summary_part.added",
            "response.reasoning_summary_text.delta", "response.completed", "response.incomplete", "response.failed", "error",
            "function_call", "reasoning", "message", "output_text", "refusal");

    /** One {@code "type"} value swapped for another the decoders know: right shape, wrong meaning. */
    static String changeType(String data, int seed) {
        if (data == null) {
            return "{}";
        }
        int at = data.indexOf("\"type\":\"");
        if (at < 0) {
            return data;
        }
        int start = at + 8;
        int end = data.indexOf('"', start);
        return end < 0 ? data : data.substring(0, start) + TYPES.get(Math.floorMod(seed, TYPES.size())) + data.substring(end);
    }

    public static SseEvent event(String data) {
        return new SseEvent(null, data, ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Garbage an upstream (or a broken proxy) might really send, in both OpenAI dialects. */
    public static Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of("{}", "[]", "null", "42", "\"text\"", "{\"choices\":null}", "{\"choices\":[{}]}",
                        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":3,\"function\":{\"arguments\":\"{\"}}]}}]}",
                        "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0}]},\"finish_reason\":null}]}",
                        "{\"choices\":[{\"index\":0,\"delta\":{\"content\":7},\"finish_reason\":\"stop\"}]}",
                        "{\"choices\":[],\"usage\":{\"prompt_tokens\":\"many\"}}",
                        "{\"error\":\"boom\"}", "{\"error\":{}}", "{\"type\":7}",
                        "{\"type\":\"response.output_text.delta\",\"output_index\":9,\"content_index\":2,\"delta\":\"x\"}",
                        "{\"type\":\"response.function_call_arguments.delta\",\"output_index\":0,\"delta\":\"x\"}",
                        "{\"type\":\"response.output_item.done\",\"output_index\":0,\"item\":{\"type\":\"reasoning\",\"encrypted_content\":\"e\"}}",
                        "{\"type\":\"response.output_item.done\",\"output_index\":1,\"item\":{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"late\"}]}}",
                        "{\"type\":\"response.completed\",\"response\":{\"usage\":{\"input_tokens\":-1}}}",
                        "{\"type\":\"response.reasoning_summary_part.added\",\"output_index\":0,\"summary_index\":3}",
                        "{\"type\":\"error\",\"message\":\"x\",\"sequence_number\":99999999999}",
                        "{\"sequence_number\":-5,\"type\":\"response.in_progress\"}"));
    }

    public static Arbitrary<Mutation> mutation() {
        return Combinators.combine(Arbitraries.integers().between(0, 8), Arbitraries.integers(), Arbitraries.integers(), garbage())
                .as(Mutation::new);
    }

    public static Arbitrary<List<SseEvent>> mutated(List<List<SseEvent>> corpus) {
        return Combinators.combine(Arbitraries.of(corpus), mutation().list().ofMinSize(1).ofMaxSize(4)).as((base, edits) -> {
            List<SseEvent> events = base;
            for (Mutation m : edits) {
                events = m.apply(events);
            }
            return events;
        });
    }

    /** Every {@code .sse} fixture under the given folders, parsed into events. */
    public static List<List<SseEvent>> corpus(String... folders) {
        List<List<SseEvent>> out = new ArrayList<>();
        for (String folder : folders) {
            for (Path p : files(folder)) {
                out.add(CodecFixtures.sse(read(p)));
            }
        }
        return out;
    }

    public static List<Path> files(String folder) {
        try (Stream<Path> s = Files.list(Path.of(StreamFuzz.class.getResource("/fixtures/" + folder).toURI()))) {
            return s.filter(p -> p.toString().endsWith(".sse") && !p.toString().endsWith(".expected.sse")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Feeds the events and checks the decoder's promises; returns what it emitted. */
    public static List<StreamEvent> check(Supplier<StreamDecoder> decoders, List<SseEvent> events) {
        StreamDecoder decoder = decoders.get();
        List<StreamEvent> out = new ArrayList<>();
        for (SseEvent e : events) {
            decoder.onEvent(e, out);
        }
        decoder.onEnd(out);
        assertThat(decoder.finished()).as("finished after onEnd").isTrue();
        assertThat(CanonicalStreams.violation(out)).as("canonical stream grammar of %s", out).isNull();
        int before = out.size();
        decoder.onEvent(event("{\"late\":true}"), out);
        decoder.onEnd(out);
        assertThat(out).as("nothing after the terminal event").hasSize(before);
        return out;
    }
}
