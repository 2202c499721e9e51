package dev.switchboard.format.anthropic;

import dev.switchboard.model.chat.BlockKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which canonical block an Anthropic content-block index names. Anthropic numbers every block, server
 * tool blocks included; those are skipped whole, so canonical indexes are handed out densely in start
 * order. A block starts once, takes deltas while open, and stops once.
 */
final class AnthropicBlocks {
    record Open(int index, BlockKind kind) {}

    private final Map<Integer, Open> open = new HashMap<>();
    private final Set<Integer> started = new HashSet<>();
    private final Set<Integer> skipped = new HashSet<>();
    /** The open block the last delta went to; cleared whenever {@code open} changes. */
    private Open last;
    private int lastUpstream;
    private int nextIndex;

    /** The canonical index the next opened block gets; a block that starts twice is a violation. */
    int starting(int upstream) {
        if (!started.add(upstream)) {
            throw new AnthropicStreamViolation("Upstream stream started content block " + upstream + " twice");
        }
        last = null;
        return nextIndex;
    }

    /** The block {@link #starting} announced is open, as {@code kind}. */
    void open(int upstream, BlockKind kind) {
        open.put(upstream, new Open(nextIndex++, kind));
    }

    /** The block {@link #starting} announced has no canonical form (a server tool): its events are dropped. */
    void skip(int upstream) {
        skipped.add(upstream);
    }

    /**
     * The open block a delta or stop event names, or null for a skipped block; with {@code stop} the
     * block is closed. Naming a block that is not open is a violation.
     */
    Open target(int upstream, String what, boolean stop) {
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

    boolean anyOpen() {
        return !open.isEmpty();
    }
}
