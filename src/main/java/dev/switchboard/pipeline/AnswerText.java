package dev.switchboard.pipeline;

import dev.switchboard.model.chat.StreamEvent;
import java.util.function.ToLongFunction;

/**
 * The text canonical stream events carried to the client (content, reasoning, tool-call arguments), kept
 * for a local token count when the provider reports no usage for the answer (an aborted stream). Holds
 * at most {@value #MAX_CHARS} characters; beyond that it only counts the characters and scales the
 * count up, so a huge answer costs bounded memory.
 */
final class AnswerText {
    static final int MAX_CHARS = 1 << 20;

    private StringBuilder text;
    private long skipped;

    void add(StreamEvent e) {
        switch (e) {
            case StreamEvent.TextDelta t -> append(t.text());
            case StreamEvent.ThinkingDelta t -> append(t.text());
            case StreamEvent.ToolArgsDelta t -> append(t.fragment());
            default -> { }
        }
    }

    private void append(String s) {
        if (s == null || s.isEmpty()) {
            return;
        }
        if (text == null) {
            text = new StringBuilder(256);
        }
        if (text.length() + s.length() <= MAX_CHARS) {
            text.append(s);
        } else {
            skipped += s.length();
        }
    }

    /** Tokens of the text seen, by {@code count}; scaled by characters when some were not kept. */
    long count(ToLongFunction<String> count) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        long counted = count.applyAsLong(text.toString());
        return skipped == 0 ? counted : Math.round(counted * (double) (text.length() + skipped) / text.length());
    }
}
