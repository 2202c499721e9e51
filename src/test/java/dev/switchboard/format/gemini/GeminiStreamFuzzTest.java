package dev.switchboard.format.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.StreamEncoder;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import dev.switchboard.sse.StreamText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Feeds the stream decoder truncated, reordered, duplicated, corrupted and invented chunks and
 * checks {@link StreamInvariants}. The property runs briefly in every build; {@link #longRun()}
 * ({@code @Tag("fuzz")}, {@code -Dgemini.fuzz.seconds=N}) runs the same generator for minutes and
 * writes any failing input to {@code target/gemini-fuzz/} to be kept under {@code fixtures/gemini/fuzz/}.
 */
class GeminiStreamFuzzTest {
    private static final List<String> KEYS = List.of("candidates", "content", "parts", "text", "thought", "functionCall",
            "function_call", "name", "args", "id", "finishReason", "usageMetadata", "promptTokenCount",
            "candidatesTokenCount", "thoughtsTokenCount", "error", "code", "status", "message", "index", "promptFeedback",
            "blockReason", "thoughtSignature", "inlineData", "data", "mimeType", "role", "responseId", "modelVersion");
    private static final List<String> SEEDS = List.of("stream-text", "stream-function-call", "stream-thinking",
            "stream-error", "stream-truncated", "stream-blocked");

    @Property(tries = 100)
    void theDecoderSurvivesAnything(@ForAll("mutatedStreams") List<String> datas) {
        assertThat(StreamInvariants.check(new GeminiStreamDecoder(GeminiFixtures.CLOCK), datas)).isNull();
    }

    @Test
    @Tag("fuzz")
    void longRun() throws IOException {
        long seconds = Long.getLong("gemini.fuzz.seconds", 10);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long tries = 0;
        List<String> failures = new ArrayList<>();
        var it = mutatedStreams().sampleStream().iterator();
        while (System.nanoTime() < deadline) {
            List<String> datas = it.next();
            tries++;
            String problem = StreamInvariants.check(new GeminiStreamDecoder(GeminiFixtures.CLOCK), datas);
            if (problem != null) {
                Path dir = Path.of("target", "gemini-fuzz");
                Files.createDirectories(dir);
                Path file = dir.resolve("failure-" + Integer.toHexString(datas.hashCode()) + ".sse");
                Files.writeString(file, datas.stream().map(d -> "data: " + d + "\n\n").collect(Collectors.joining()));
                failures.add(file + ": " + problem);
            }
        }
        System.out.println("gemini stream fuzz: " + tries + " inputs in " + seconds + " s, " + failures.size() + " failures");
        assertThat(failures).isEmpty();
    }

    @Provide
    Arbitrary<List<String>> mutatedStreams() {
        return Combinators.combine(base(), mutation().list().ofMaxSize(6)).as((datas, ops) -> {
            List<String> out = new ArrayList<>(datas);
            ops.forEach(op -> op.apply(out));
            return out;
        });
    }

    /** Recorded streams and streams our own encoder wrote for generated event sequences. */
    private static Arbitrary<List<String>> base() {
        Arbitrary<List<String>> recorded = Arbitraries.of(SEEDS).map(name -> GeminiFixtures.events(
                GeminiFixtures.text(name + ".sse")).stream().map(SseEvent::data).toList());
        Arbitrary<List<String>> encoded = GeminiStreamArbitraries.blocks().flatMap(blocks -> GeminiStreamArbitraries.terminal(blocks)
                .map(t -> GeminiStreamArbitraries.events("r1", "gemini-x", blocks, t))).map(events -> {
                    StreamEncoder encoder = new GeminiStreamEncoder();
                    StreamText sse = new StreamText();
                    events.forEach((StreamEvent e) -> encoder.encode(e, sse));
                    return GeminiFixtures.events(sse.toString()).stream().map(SseEvent::data).toList();
                });
        return Arbitraries.oneOf(recorded, encoded);
    }

    private interface Mutation {
        void apply(List<String> datas);
    }

    private static Arbitrary<Mutation> mutation() {
        Arbitrary<Integer> pos = Arbitraries.integers().between(0, 1000);
        return Arbitraries.frequencyOf(
                Tuple.of(2, pos.map(p -> (Mutation) d -> {
                    if (!d.isEmpty()) {
                        d.subList(p % d.size(), d.size()).clear(); // connection cut
                    }
                })),
                Tuple.of(2, pos.map(p -> (Mutation) d -> {
                    if (!d.isEmpty()) {
                        d.remove(p % d.size());
                    }
                })),
                Tuple.of(2, pos.map(p -> (Mutation) d -> {
                    if (!d.isEmpty()) {
                        d.add(p % d.size(), d.get(p % d.size()));
                    }
                })),
                Tuple.of(2, Combinators.combine(pos, pos).as((a, b) -> (Mutation) d -> {
                    if (d.size() > 1) {
                        String x = d.get(a % d.size());
                        d.set(a % d.size(), d.get(b % d.size()));
                        d.set(b % d.size(), x);
                    }
                })),
                Tuple.of(2, Combinators.combine(pos, pos).as((a, cut) -> (Mutation) d -> {
                    if (!d.isEmpty()) {
                        String x = d.get(a % d.size());
                        d.set(a % d.size(), x.substring(0, cut % (x.length() + 1))); // truncated JSON
                    }
                })),
                Tuple.of(3, Combinators.combine(pos, garbage()).as((a, g) -> (Mutation) d -> d.add(d.isEmpty() ? 0 : a % (d.size() + 1), g))),
                Tuple.of(4, Combinators.combine(pos, pos, Arbitraries.of(KEYS), jsonValue(3))
                        .as((a, node, key, value) -> (Mutation) d -> {
                            if (!d.isEmpty()) {
                                d.set(a % d.size(), graft(d.get(a % d.size()), node, key, value));
                            }
                        })));
    }

    /** Sets {@code key} to {@code value} on the n-th object inside a chunk (no-op when the chunk is not JSON). */
    private static String graft(String data, int n, String key, String value) {
        JsonNode root = GeminiJson.tryParse(data);
        JsonNode v = GeminiJson.tryParse(value);
        if (root == null || v == null) {
            return data;
        }
        List<ObjectNode> objects = new ArrayList<>();
        collect(root, objects);
        if (objects.isEmpty()) {
            return data;
        }
        objects.get(n % objects.size()).set(key, v);
        return root.toString();
    }

    private static void collect(JsonNode node, List<ObjectNode> into) {
        if (node instanceof ObjectNode o) {
            into.add(o);
        }
        node.forEach(child -> collect(child, into));
    }

    private static Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of("[DONE]", "{", "}", "null", "[]", "\"text\"", "{\"candidates\":[", "{\"error\":{}}",
                        "{\"error\":\"boom\"}", "{\"error\":{\"code\":\"x\",\"status\":7}}", "{\"candidates\":null}",
                        "{\"candidates\":[{\"index\":\"zero\"}]}", "{\"usageMetadata\":{\"promptTokenCount\":\"lots\"}}",
                        "{\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":[]}}]}}]}",
                        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"x\",\"thought\":\"yes\"}]}}]}",
                        "{\"promptFeedback\":{\"blockReason\":{}}}", "1e999999", "\"\\ud800\"",
                        "[".repeat(300) + "]".repeat(300)),
                jsonValue(4).filter(v -> v.startsWith("{")));
    }

    private static Arbitrary<String> jsonValue(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(
                Arbitraries.of(KEYS).map(k -> "\"" + k + "\""),
                Arbitraries.of("STOP", "MAX_TOKENS", "SAFETY", "user", "model", "UNAVAILABLE").map(k -> "\"" + k + "\""),
                Arbitraries.integers().between(-3, 600).map(String::valueOf),
                Arbitraries.of("true", "false", "null", "1.5", "-0", "9223372036854775808", "\"\""));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> inner = jsonValue(depth - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(3, leaf),
                Tuple.of(1, inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]")),
                Tuple.of(2, Combinators.combine(Arbitraries.of(KEYS), inner).as((k, v) -> "\"" + k + "\":" + v)
                        .list().ofMaxSize(4).map(l -> "{" + String.join(",", l) + "}")));
    }
}
