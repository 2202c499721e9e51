package dev.switchboard.format.responses;

import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.StreamEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical blocks of a Responses stream, keyed by where the upstream puts them (an output
 * index, or an output and content index for text). Numbers blocks in order of first appearance,
 * remembers which are open and which already got text, and refuses content for a block that was
 * closed — the sign of a reordered stream.
 */
final class StreamBlocks {
    private final Map<String, Block> blocks = new LinkedHashMap<>();
    private int next;

    private static final class Block {
        final int index;
        final BlockKind kind;
        boolean open = true;
        boolean emitted;

        Block(int index, BlockKind kind) {
            this.index = index;
            this.kind = kind;
        }
    }

    /** Thrown for content that cannot belong where it arrived; the decoder turns it into one Error. */
    static final class OutOfOrder extends RuntimeException {
        OutOfOrder(String message) {
            super(message, null, false, false);
        }
    }

    boolean known(String key) {
        return blocks.containsKey(key);
    }

    boolean isOpen(String key) {
        Block b = blocks.get(key);
        return b != null && b.open;
    }

    int index(String key) {
        return blocks.get(key).index;
    }

    void open(List<StreamEvent> out, String key, StreamEvent.BlockStart template) {
        Block b = blocks.get(key);
        if (b != null) {
            if (!b.open) {
                throw new OutOfOrder("upstream reopened a finished output item");
            }
            return;
        }
        b = new Block(next++, template.kind());
        blocks.put(key, b);
        out.add(new StreamEvent.BlockStart(b.index, template.kind(), template.toolCallId(), template.toolName(),
                template.data(), template.signature()));
    }

    void delta(List<StreamEvent> out, String key, StreamEvent.BlockStart template, String text) {
        open(out, key, template);
        emit(out, blocks.get(key), text);
    }

    void deltaExisting(List<StreamEvent> out, String key, String text) {
        Block b = blocks.get(key);
        if (b == null || !b.open) {
            throw new OutOfOrder("upstream sent content for an output item that is not open");
        }
        emit(out, b, text);
    }

    /** The full text of a {@code .done} event, for servers that skipped the deltas. */
    void fillIfEmpty(List<StreamEvent> out, String key, StreamEvent.BlockStart template, String text) {
        Block b = blocks.get(key);
        if (b != null && !b.open || text.isEmpty() && b == null) {
            return;
        }
        open(out, key, template);
        b = blocks.get(key);
        if (!b.emitted) {
            emit(out, b, text);
        }
    }

    void fillIfEmptyExisting(List<StreamEvent> out, String key, String text) {
        Block b = blocks.get(key);
        if (b == null) {
            throw new OutOfOrder("upstream finished an output item it never started");
        }
        if (b.open && !b.emitted) {
            emit(out, b, text);
        }
    }

    void close(List<StreamEvent> out, String key) {
        Block b = blocks.get(key);
        if (b != null && b.open) {
            b.open = false;
            out.add(new StreamEvent.BlockStop(b.index));
        }
    }

    void closeAll(List<StreamEvent> out) {
        for (Block b : blocks.values()) {
            if (b.open) {
                b.open = false;
                out.add(new StreamEvent.BlockStop(b.index));
            }
        }
    }

    private static void emit(List<StreamEvent> out, Block b, String text) {
        if (text.isEmpty()) {
            return;
        }
        b.emitted = true;
        out.add(switch (b.kind) {
            case TEXT -> new StreamEvent.TextDelta(b.index, text);
            case THINKING -> new StreamEvent.ThinkingDelta(b.index, text);
            case TOOL_CALL -> new StreamEvent.ToolArgsDelta(b.index, text);
            case REDACTED_THINKING -> throw new OutOfOrder("upstream sent text for redacted reasoning");
        });
    }
}
