package dev.switchboard.format.gemini;

import static dev.switchboard.format.gemini.GeminiArbitraries.argsJson;
import static dev.switchboard.format.gemini.GeminiArbitraries.signature;
import static dev.switchboard.format.gemini.GeminiArbitraries.text;
import static dev.switchboard.format.gemini.GeminiArbitraries.usage;
import static dev.switchboard.format.gemini.GeminiArbitraries.word;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Canonical event sequences Gemini can carry unchanged: blocks that the format keeps apart (no two
 * unsigned text or thought blocks in a row), tool arguments in fragments, and a Finish whose stop
 * reason agrees with the blocks, or an Error of a kind Google's status names distinguish.
 */
final class GeminiStreamArbitraries {
    private GeminiStreamArbitraries() {}

    /** One content block of a stream: text, thinking (maybe signed) or a tool call in argument fragments. */
    record Block(BlockKind kind, List<String> deltas, String signature, String id, String name) {}

    static final List<ErrorKind> ROUND_TRIP_ERRORS = List.of(ErrorKind.INVALID_REQUEST, ErrorKind.AUTHENTICATION,
            ErrorKind.PERMISSION, ErrorKind.NOT_FOUND, ErrorKind.RATE_LIMITED, ErrorKind.UPSTREAM_ERROR,
            ErrorKind.OVERLOADED, ErrorKind.TIMEOUT);

    private static Arbitrary<Block> block() {
        return Arbitraries.oneOf(
                text().list().ofMinSize(1).ofMaxSize(3).map(d -> new Block(BlockKind.TEXT, d, null, null, null)),
                Combinators.combine(text().list().ofMinSize(1).ofMaxSize(3), signature().injectNull(0.5))
                        .as((d, s) -> new Block(BlockKind.THINKING, d, s, null, null)),
                Combinators.combine(argsJson(), Arbitraries.integers().between(1, 4), word(), signature().injectNull(0.6))
                        .as((args, pieces, name, sig) -> new Block(BlockKind.TOOL_CALL, split(args, pieces), sig, null, name)));
    }

    private static List<String> split(String s, int pieces) {
        List<String> out = new ArrayList<>();
        int step = Math.max(1, s.length() / pieces);
        for (int i = 0; i < s.length(); i += step) {
            out.add(s.substring(i, Math.min(s.length(), i + step)));
        }
        return out;
    }

    /** Blocks Gemini keeps apart: no two unsigned text or thinking blocks in a row (they would merge). */
    static Arbitrary<List<Block>> blocks() {
        return block().list().ofMaxSize(5).map(bs -> {
            List<Block> out = new ArrayList<>();
            for (Block b : bs) {
                Block prev = out.isEmpty() ? null : out.get(out.size() - 1);
                boolean merges = prev != null && prev.kind() == b.kind() && b.kind() != BlockKind.TOOL_CALL
                        && (b.kind() == BlockKind.TEXT || prev.signature() == null);
                if (!merges) {
                    out.add(b.kind() == BlockKind.TOOL_CALL ? new Block(b.kind(), b.deltas(), b.signature(), "call-" + out.size(),
                            b.name()) : b);
                }
            }
            return out;
        });
    }

    /** The canonical events of a stream made of these blocks and ending as given. */
    static List<StreamEvent> events(String id, String model, List<Block> blocks, StreamEvent terminal) {
        List<StreamEvent> out = new ArrayList<>();
        out.add(new StreamEvent.Start(id, model, GeminiFixtures.NOW.getEpochSecond(), Usage.NONE));
        for (int n = 0; n < blocks.size(); n++) {
            Block b = blocks.get(n);
            int i = n;
            switch (b.kind()) {
                case TEXT -> {
                    out.add(StreamEvent.BlockStart.text(i));
                    b.deltas().forEach(d -> out.add(new StreamEvent.TextDelta(i, d)));
                }
                case THINKING -> {
                    out.add(StreamEvent.BlockStart.thinking(i));
                    b.deltas().forEach(d -> out.add(new StreamEvent.ThinkingDelta(i, d)));
                    if (b.signature() != null) {
                        out.add(new StreamEvent.SignatureDelta(i, b.signature()));
                    }
                }
                default -> {
                    out.add(new StreamEvent.BlockStart(i, BlockKind.TOOL_CALL, b.id(), b.name(), null, b.signature()));
                    b.deltas().forEach(d -> out.add(new StreamEvent.ToolArgsDelta(i, d)));
                }
            }
            out.add(new StreamEvent.BlockStop(i));
        }
        out.add(terminal);
        return out;
    }

    static Arbitrary<StreamEvent> terminal(List<Block> blocks) {
        boolean calls = blocks.stream().anyMatch(b -> b.kind() == BlockKind.TOOL_CALL);
        Arbitrary<StreamEvent> finish = Combinators.combine(Arbitraries.of(StopReason.END_TURN, StopReason.MAX_TOKENS,
                        StopReason.CONTENT_FILTER, StopReason.ERROR), usage())
                .as((s, u) -> new StreamEvent.Finish(s == StopReason.END_TURN && calls ? StopReason.TOOL_USE : s, null,
                        u.equals(Usage.NONE) ? new Usage(1, 1, 0, 0, 0, false) : u));
        Arbitrary<StreamEvent> error = Combinators.combine(Arbitraries.of(ROUND_TRIP_ERRORS), text())
                .as((k, m) -> new StreamEvent.Error(k, m, Usage.NONE));
        return Arbitraries.frequencyOf(Tuple.of(4, finish), Tuple.of(1, error));
    }
}
