package dev.switchboard.format.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.StreamEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The content blocks of an Anthropic stream as canonical events: {@code content_block_start},
 * {@code _delta} and {@code _stop}, once the decoder has checked the stream's phase and read the block
 * index. Anthropic numbers every block, server tool blocks included; those are skipped whole, so
 * canonical indexes are handed out densely in start order. A block starts once, takes deltas of its own
 * kind while open, and stops once; anything else is an {@link AnthropicStreamViolation}.
 */
final class AnthropicBlocks {
    private record Open(int index, BlockKind kind) {}

    private final Map<Integer, Open> open = new HashMap<>();
    private final Set<Integer> started = new HashSet<>();
    private final Set<Integer> skipped = new HashSet<>();
    /** The open block the last delta went to; cleared whenever {@code open} changes. */
    private Open last;
    private int lastUpstream;
    private int nextIndex;

    /** {@code content_block_start} of block {@code upstream}, whose {@code content_block} is {@code block}. */
    void start(int upstream, JsonNode block, List<StreamEvent> out) {
        if (!started.add(upstream)) {
            throw new AnthropicStreamViolation("Upstream stream started content block " + upstream + " twice");
        }
        last = null;
        String type = AnthropicJson.textOrNull(block, "type");
        if (type == null) {
            throw new AnthropicStreamViolation("Upstream content_block_start has no block type");
        }
        int i = nextIndex;
        BlockKind kind = switch (type) {
            case "text" -> {
                out.add(StreamEvent.BlockStart.text(i));
                emitIfPresent(AnthropicJson.textOrNull(block, "text"), t -> new StreamEvent.TextDelta(i, t), out);
                yield BlockKind.TEXT;
            }
            case "thinking" -> {
                out.add(StreamEvent.BlockStart.thinking(i));
                emitIfPresent(AnthropicJson.textOrNull(block, "thinking"), t -> new StreamEvent.ThinkingDelta(i, t), out);
                emitIfPresent(AnthropicJson.textOrNull(block, "signature"), s -> new StreamEvent.SignatureDelta(i, s), out);
                yield BlockKind.THINKING;
            }
            case "redacted_thinking" -> {
                out.add(new StreamEvent.BlockStart(i, BlockKind.REDACTED_THINKING, null, null,
                        AnthropicJson.textOrNull(block, "data"), null));
                yield BlockKind.REDACTED_THINKING;
            }
            case "tool_use" -> {
                String id = AnthropicJson.textOrNull(block, "id");
                String name = AnthropicJson.textOrNull(block, "name");
                if (id == null || name == null) {
                    throw new AnthropicStreamViolation("Upstream tool_use block has no id or name");
                }
                out.add(StreamEvent.BlockStart.toolCall(i, id, name));
                JsonNode input = block.get("input");
                if (input != null && input.isObject() && !input.isEmpty()) {
                    out.add(new StreamEvent.ToolArgsDelta(i, input.toString())); // a relay that sends the input whole
                }
                yield BlockKind.TOOL_CALL;
            }
            default -> null; // a server tool's block: no canonical form
        };
        if (kind == null) {
            skipped.add(upstream);
            return;
        }
        open.put(upstream, new Open(nextIndex++, kind));
    }

    /** {@code content_block_delta} for block {@code upstream}, whose {@code delta} is {@code delta}. */
    void delta(int upstream, JsonNode delta, List<StreamEvent> out) {
        Open o = target(upstream, "content_block_delta", false);
        if (o == null) {
            return;
        }
        String type = AnthropicJson.textOrNull(delta, "type");
        if (type == null) {
            throw new AnthropicStreamViolation("Upstream content_block_delta has no delta type");
        }
        switch (type) {
            case "text_delta" -> out.add(new StreamEvent.TextDelta(o.index(), field(delta, "text", o, BlockKind.TEXT)));
            case "input_json_delta" -> out.add(new StreamEvent.ToolArgsDelta(o.index(),
                    field(delta, "partial_json", o, BlockKind.TOOL_CALL)));
            case "thinking_delta" -> out.add(new StreamEvent.ThinkingDelta(o.index(),
                    field(delta, "thinking", o, BlockKind.THINKING)));
            case "signature_delta" -> out.add(new StreamEvent.SignatureDelta(o.index(),
                    field(delta, "signature", o, BlockKind.THINKING)));
            default -> { } // citations_delta and delta types Anthropic may add
        }
    }

    /** The same rules as a {@code text_delta} read as a tree, for one read by {@link AnthropicTextDelta}. */
    void textDelta(AnthropicTextDelta d, List<StreamEvent> out) {
        Open o = target(d.index(), "content_block_delta", false);
        if (o == null) {
            return;
        }
        if (o.kind() != BlockKind.TEXT) {
            throw new AnthropicStreamViolation("Upstream sent a delta that does not fit content block " + o.index());
        }
        out.add(new StreamEvent.TextDelta(o.index(), d.text()));
    }

    /** {@code content_block_stop} of block {@code upstream}. */
    void stop(int upstream, List<StreamEvent> out) {
        Open o = target(upstream, "content_block_stop", true);
        if (o != null) {
            out.add(new StreamEvent.BlockStop(o.index()));
        }
    }

    boolean anyOpen() {
        return !open.isEmpty();
    }

    /**
     * The open block a delta or stop event names, or null for a skipped block; with {@code stop} the
     * block is closed. Naming a block that is not open is a violation.
     */
    private Open target(int upstream, String what, boolean stop) {
        if (!stop && last != null && lastUpstream == upstream) {
            return last; // a block's deltas come in a row
        }
        if (skipped.contains(upstream)) {
            return null;
        }
        Open o = stop ? open.remove(upstream) : open.get(upstream);
        last = stop ? null : o;
        lastUpstream = upstream;
        if (o == null) {
            throw new AnthropicStreamViolation("Upstream sent " + what + " for content block " + upstream + ", which is not open");
        }
        return o;
    }

    private static void emitIfPresent(String text, Function<String, StreamEvent> event, List<StreamEvent> out) {
        if (text != null && !text.isEmpty()) {
            out.add(event.apply(text));
        }
    }

    private static String field(JsonNode delta, String name, Open o, BlockKind expected) {
        String v = AnthropicJson.textOrNull(delta, name);
        if (o.kind() != expected || v == null) {
            throw new AnthropicStreamViolation("Upstream sent a delta that does not fit content block " + o.index());
        }
        return v;
    }
}
