package dev.switchboard.testkit;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Numbers the model answers of one fake and remembers which left it whole and which a fault cut on
 * purpose. Bit sets stay small over long chaos runs.
 */
final class AnswerLedger {
    private final AtomicInteger seq = new AtomicInteger();
    private final BitSet whole = new BitSet();
    private final BitSet broken = new BitSet();

    int next() {
        return seq.incrementAndGet();
    }

    /** Marked before the bytes leave, so that no reader can be ahead of the mark. */
    synchronized void mark(int answer, boolean cut) {
        if (answer >= 0) {
            (cut ? broken : whole).set(answer);
        }
    }

    synchronized FakeUpstream.AnswerState state(int answer) {
        if (whole.get(answer)) {
            return FakeUpstream.AnswerState.WHOLE;
        }
        return broken.get(answer) ? FakeUpstream.AnswerState.BROKEN : FakeUpstream.AnswerState.UNKNOWN;
    }
}
