package dev.switchboard.format.openai;

import dev.switchboard.model.chat.StreamEvent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The grammar of a canonical event stream, checked: Start first (unless the stream fails at once),
 * deltas only inside open blocks, every block opened once, exactly one Finish or Error and nothing
 * after it. Returns a description of the first violation, or null.
 */
public final class CanonicalStreams {
    private CanonicalStreams() {}

    public static String violation(List<StreamEvent> events) {
        if (events.isEmpty()) {
            return "no events";
        }
        Set<Integer> open = new HashSet<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            StreamEvent e = events.get(i);
            boolean last = i == events.size() - 1;
            boolean terminal = e instanceof StreamEvent.Finish || e instanceof StreamEvent.Error;
            if (terminal != last) {
                return terminal ? "event after the terminal event at #" + i : "stream does not end in Finish or Error";
            }
            if (i == 0 && !(e instanceof StreamEvent.Start) && !(e instanceof StreamEvent.Error)) {
                return "first event is " + e;
            }
            if (i > 0 && e instanceof StreamEvent.Start) {
                return "second Start at #" + i;
            }
            switch (e) {
                case StreamEvent.BlockStart b -> {
                    if (!seen.add(b.index())) {
                        return "block " + b.index() + " started twice";
                    }
                    open.add(b.index());
                }
                case StreamEvent.BlockStop b -> {
                    if (!open.remove(b.index())) {
                        return "stop of block " + b.index() + " that is not open";
                    }
                }
                case StreamEvent.TextDelta d -> {
                    if (!open.contains(d.index())) {
                        return "text delta for closed block " + d.index();
                    }
                }
                case StreamEvent.ThinkingDelta d -> {
                    if (!open.contains(d.index())) {
                        return "thinking delta for closed block " + d.index();
                    }
                }
                case StreamEvent.ToolArgsDelta d -> {
                    if (!open.contains(d.index())) {
                        return "args delta for closed block " + d.index();
                    }
                }
                case StreamEvent.SignatureDelta d -> {
                    if (!open.contains(d.index())) {
                        return "signature for closed block " + d.index();
                    }
                }
                case StreamEvent.Finish f -> {
                    if (!open.isEmpty()) {
                        return "Finish with open blocks " + open;
                    }
                }
                default -> { }
            }
        }
        return null;
    }
}
