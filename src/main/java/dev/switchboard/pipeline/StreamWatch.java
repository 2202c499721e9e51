package dev.switchboard.pipeline;

import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.StreamEvent;
import java.util.function.ToLongFunction;

/**
 * What the canonical events of one streamed answer said so far: the latest usage a start, finish or
 * error event carried, whether the answer finished or ended otherwise, and its text for a local count.
 * The translating relay and the tap on an untranslated stream both read their decoder's events here.
 */
final class StreamWatch {
    private final AnswerText text = new AnswerText();
    private Usage usage;
    private boolean finished;
    private boolean terminated;

    void see(StreamEvent e) {
        switch (e) {
            case StreamEvent.Start s -> usage = s.usage();
            case StreamEvent.Finish f -> {
                usage = f.usage();
                finished = true;
                terminated = true;
            }
            case StreamEvent.Error err -> {
                usage = err.usage();
                terminated = true;
            }
            default -> text.add(e);
        }
    }

    /** null while no event carried usage */
    Usage usage() {
        return usage;
    }

    /** A finish event went by: the answer is complete. */
    boolean finished() {
        return finished;
    }

    /** A finish or an error event went by: nothing may follow it. */
    boolean terminated() {
        return terminated;
    }

    /** Output tokens of the text seen so far, counted locally. */
    long countOutput(ToLongFunction<String> count) {
        return text.count(count);
    }
}
