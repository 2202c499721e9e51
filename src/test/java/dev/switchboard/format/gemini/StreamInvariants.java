package dev.switchboard.format.gemini;

import dev.switchboard.format.StreamDecoder;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What any stream decoder must guarantee whatever it is fed: no exception escapes; after onEnd it is
 * finished; exactly one terminal event (Finish or Error), last; Start at most once and first; deltas
 * only inside an open block of their kind; block indexes new and counting up; and a Finish only
 * after every block was stopped. Returns a description of the first violation, or null.
 */
final class StreamInvariants {
    private StreamInvariants() {}

    static String check(StreamDecoder decoder, List<String> datas) {
        List<StreamEvent> out = new ArrayList<>();
        try {
            for (String data : datas) {
                byte[] raw = ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
                decoder.onEvent(new SseEvent(null, data, raw), out);
            }
            decoder.onEnd(out);
            int after = out.size();
            decoder.onEvent(new SseEvent(null, "{\"candidates\":[]}", new byte[0]), out);
            decoder.onEnd(out);
            if (out.size() != after) {
                return "events after the end: " + out.subList(after, out.size());
            }
        } catch (RuntimeException e) {
            return "exception escaped: " + e;
        }
        if (!decoder.finished()) {
            return "not finished after onEnd";
        }
        return wellFormed(out);
    }

    static String wellFormed(List<StreamEvent> out) {
        if (out.isEmpty()) {
            return "no events at all";
        }
        StreamEvent last = out.get(out.size() - 1);
        if (!(last instanceof StreamEvent.Finish) && !(last instanceof StreamEvent.Error)) {
            return "last event is " + last;
        }
        Map<Integer, BlockKind> open = new HashMap<>();
        int nextIndex = 0;
        for (int i = 0; i < out.size(); i++) {
            StreamEvent e = out.get(i);
            boolean terminal = e instanceof StreamEvent.Finish || e instanceof StreamEvent.Error;
            if (terminal && i != out.size() - 1) {
                return "terminal event before the end at " + i + ": " + out;
            }
            String problem = switch (e) {
                case StreamEvent.Start s -> i == 0 ? null : "Start at " + i;
                case StreamEvent.BlockStart b -> {
                    if (b.index() != nextIndex) {
                        yield "block index " + b.index() + " where " + nextIndex + " was next";
                    }
                    nextIndex++;
                    open.put(b.index(), b.kind());
                    yield null;
                }
                case StreamEvent.TextDelta d -> kind(open, d.index(), BlockKind.TEXT);
                case StreamEvent.ThinkingDelta d -> kind(open, d.index(), BlockKind.THINKING);
                case StreamEvent.ToolArgsDelta d -> kind(open, d.index(), BlockKind.TOOL_CALL);
                case StreamEvent.SignatureDelta d -> open.containsKey(d.index()) ? null : "signature outside a block";
                case StreamEvent.BlockStop s -> open.remove(s.index()) != null ? null : "stop of a block not open: " + s;
                case StreamEvent.Finish f -> open.isEmpty() ? null : "Finish with open blocks " + open;
                case StreamEvent.Error err -> null;
            };
            if (problem != null) {
                return problem + " in " + out;
            }
        }
        return null;
    }

    private static String kind(Map<Integer, BlockKind> open, int index, BlockKind expected) {
        BlockKind k = open.get(index);
        return k == expected ? null : expected + " delta for block " + index + " which is " + k;
    }
}
