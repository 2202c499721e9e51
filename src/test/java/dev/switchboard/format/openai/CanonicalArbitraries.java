package dev.switchboard.format.openai;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.Reasoning;
import dev.switchboard.model.chat.ResponseFormat;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.model.chat.ToolDef;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of canonical values that the OpenAI formats can represent, shared by the property tests. */
public final class CanonicalArbitraries {
    private CanonicalArbitraries() {}

    /** Any text, including quotes, newlines, unicode and JSON-looking content. */
    public static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(30),
                Arbitraries.of("Hello", "{\"a\":1}", "line1\nline2", "\"quoted\"", "ünïcødé 🚀", "data: [DONE]", "\\n"));
    }

    public static Arbitrary<String> id() {
        return Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
    }

    public static Arbitrary<String> base64() {
        return Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                .ofMinLength(4).ofMaxLength(40).map(s -> s + "==");
    }

    public static Arbitrary<String> argsJson() {
        return Arbitraries.of("{}", "{\"location\":\"Paris\"}", "{\"n\":1,\"list\":[1,2,3]}", "{\"q\":\"a \\\"b\\\"\"}");
    }

    public static Arbitrary<String> schemaJson() {
        return Arbitraries.of("{\"type\":\"object\"}",
                "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\"}},\"required\":[\"x\"]}");
    }

    public static Arbitrary<Part> image() {
        return Arbitraries.oneOf(
                Arbitraries.of("https://example.com/a.png", "https://example.com/b.jpg?x=1").map(u -> new Part.Image(u, null, null)),
                Combinators.combine(base64(), Arbitraries.of("image/png", "image/jpeg", "image/webp"))
                        .as((d, t) -> new Part.Image(null, d, t)));
    }

    public static Arbitrary<Part> inlineDocument() {
        return Combinators.combine(base64(), Arbitraries.of("a.pdf", "notes.txt").injectNull(0.3))
                .as((d, n) -> new Part.Document(null, d, "application/pdf", n));
    }

    public static Arbitrary<Part.ToolCall> toolCall() {
        return Combinators.combine(id(), Arbitraries.of("get_weather", "search", "f"), argsJson())
                .as((i, n, a) -> new Part.ToolCall("call_" + i, n, a, null));
    }

    public static Arbitrary<ToolDef> tool() {
        return Combinators.combine(Arbitraries.of("get_weather", "search", "lookup_user"), text().injectNull(0.3),
                schemaJson().injectNull(0.2), Arbitraries.of(true, false).injectNull(0.4)).as(ToolDef::new);
    }

    public static Arbitrary<ResponseFormat> responseFormat() {
        return Arbitraries.oneOf(Arbitraries.just(new ResponseFormat.Text()), Arbitraries.just(new ResponseFormat.JsonObject()),
                Combinators.combine(Arbitraries.of("answer", "weather"), schemaJson(), Arbitraries.of(true, false).injectNull(0.3))
                        .as(ResponseFormat.JsonSchema::new));
    }

    public static Arbitrary<Reasoning> reasoning() {
        return Arbitraries.oneOf(
                Arbitraries.of("minimal", "low", "medium", "high").map(e -> new Reasoning(true, e, null, null)),
                Arbitraries.just(new Reasoning(false, "none", null, null)));
    }

    public static Arbitrary<Usage> usage(boolean withCacheWrite) {
        return Combinators.combine(Arbitraries.longs().between(0, 100_000), Arbitraries.longs().between(0, 50_000),
                Arbitraries.doubles().between(0, 1), Arbitraries.longs().between(0, 500), Arbitraries.doubles().between(0, 1))
                .as((in, out, cachedShare, write, reasoningShare) -> new Usage(in, out, (long) (in * cachedShare),
                        withCacheWrite ? write : 0, (long) (out * reasoningShare), false));
    }

    public static Arbitrary<ErrorKind> roundTrippingErrorKind() {
        return Arbitraries.of(ErrorKind.INVALID_REQUEST, ErrorKind.AUTHENTICATION, ErrorKind.PERMISSION, ErrorKind.RATE_LIMITED,
                ErrorKind.OVERLOADED, ErrorKind.TIMEOUT, ErrorKind.UPSTREAM_ERROR);
    }

    /** One block of a stream, as the events between and including its start and stop. */
    public record BlockSpec(BlockKind kind, List<String> deltas, String callId, String name, String signature) {}

    public static Arbitrary<BlockSpec> block(boolean withThinking) {
        Arbitrary<List<String>> deltas = text().list().ofMinSize(1).ofMaxSize(4);
        Arbitrary<BlockSpec> textBlock = deltas.map(d -> new BlockSpec(BlockKind.TEXT, d, null, null, null));
        Arbitrary<BlockSpec> toolBlock = Combinators.combine(argsJson().list().ofMaxSize(3), id(), Arbitraries.of("f", "get_weather"))
                .as((d, i, n) -> new BlockSpec(BlockKind.TOOL_CALL, d, "call_" + i, n, null));
        if (!withThinking) {
            return Arbitraries.oneOf(textBlock, toolBlock);
        }
        Arbitrary<BlockSpec> thinking = Combinators.combine(deltas, base64().injectNull(0.3))
                .as((d, s) -> new BlockSpec(BlockKind.THINKING, d, null, null, s));
        Arbitrary<BlockSpec> redacted = base64().map(s -> new BlockSpec(BlockKind.REDACTED_THINKING, List.of(), null, null, s));
        return Arbitraries.oneOf(textBlock, toolBlock, thinking, redacted);
    }

    /** A well-formed event sequence: Start, blocks one after another, then {@code ending}. */
    public static List<StreamEvent> events(String id, String model, long created, List<BlockSpec> blocks, StreamEvent ending) {
        List<StreamEvent> out = new ArrayList<>();
        out.add(new StreamEvent.Start(id, model, created, Usage.NONE));
        for (int i = 0; i < blocks.size(); i++) {
            BlockSpec b = blocks.get(i);
            out.add(new StreamEvent.BlockStart(i, b.kind(), b.callId(), b.name(),
                    b.kind() == BlockKind.REDACTED_THINKING ? b.signature() : null, null));
            for (String d : b.deltas()) {
                out.add(switch (b.kind()) {
                    case TEXT -> new StreamEvent.TextDelta(i, d);
                    case THINKING -> new StreamEvent.ThinkingDelta(i, d);
                    case TOOL_CALL -> new StreamEvent.ToolArgsDelta(i, d);
                    case REDACTED_THINKING -> throw new IllegalStateException();
                });
            }
            if (b.kind() == BlockKind.THINKING && b.signature() != null) {
                out.add(new StreamEvent.SignatureDelta(i, b.signature()));
            }
            out.add(new StreamEvent.BlockStop(i));
        }
        out.add(ending);
        return out;
    }

    /** Blocks where no two text blocks follow each other (a decoder reads them as one). */
    public static boolean noAdjacentText(List<BlockSpec> blocks) {
        for (int i = 1; i < blocks.size(); i++) {
            if (blocks.get(i).kind() == BlockKind.TEXT && blocks.get(i - 1).kind() == BlockKind.TEXT) {
                return false;
            }
        }
        return true;
    }

    public static StopReason stopFor(List<BlockSpec> blocks, StopReason requested) {
        boolean calls = blocks.stream().anyMatch(b -> b.kind() == BlockKind.TOOL_CALL);
        if (requested == StopReason.TOOL_USE || requested == StopReason.END_TURN) {
            return calls ? StopReason.TOOL_USE : StopReason.END_TURN;
        }
        return requested;
    }
}
