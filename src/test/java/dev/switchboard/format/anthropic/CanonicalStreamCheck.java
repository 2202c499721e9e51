package dev.switchboard.format.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.StreamEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract of a decoder's output whatever it was fed: a well-formed canonical stream — Start
 * first, dense block indexes, deltas only for open blocks of the right kind, Finish only with no
 * block open — ending in exactly one Finish or Error.
 */
final class CanonicalStreamCheck {
    private CanonicalStreamCheck() {}

    static void assertWellFormed(List<StreamEvent> out) {
        assertThat(out).as("a decoder always ends with something").isNotEmpty();
        StreamEvent last = out.getLast();
        assertThat(last).isInstanceOfAny(StreamEvent.Finish.class, StreamEvent.Error.class);
        assertThat(out.stream().filter(e -> e instanceof StreamEvent.Finish || e instanceof StreamEvent.Error).count())
                .as("one terminal event").isEqualTo(1);
        Map<Integer, BlockKind> open = new HashMap<>();
        int nextIndex = 0;
        for (int i = 0; i < out.size(); i++) {
            StreamEvent e = out.get(i);
            if (i == 0) {
                assertThat(e).as("first event").isInstanceOfAny(StreamEvent.Start.class, StreamEvent.Error.class);
            } else {
                assertThat(e).as("event %d", i).isNotInstanceOf(StreamEvent.Start.class);
            }
            switch (e) {
                case StreamEvent.BlockStart s -> {
                    assertThat(s.index()).as("block indexes are dense").isEqualTo(nextIndex++);
                    open.put(s.index(), s.kind());
                }
                case StreamEvent.TextDelta d -> assertThat(open.get(d.index())).isEqualTo(BlockKind.TEXT);
                case StreamEvent.ToolArgsDelta d -> assertThat(open.get(d.index())).isEqualTo(BlockKind.TOOL_CALL);
                case StreamEvent.ThinkingDelta d -> assertThat(open.get(d.index())).isEqualTo(BlockKind.THINKING);
                case StreamEvent.SignatureDelta d -> assertThat(open.get(d.index())).isEqualTo(BlockKind.THINKING);
                case StreamEvent.BlockStop s -> assertThat(open.remove(s.index())).as("stop of an open block").isNotNull();
                case StreamEvent.Finish f -> assertThat(open).as("no block open at Finish").isEmpty();
                default -> { }
            }
        }
    }
}
