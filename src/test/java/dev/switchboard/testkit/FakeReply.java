package dev.switchboard.testkit;

import java.util.List;
import java.util.Map;

/** What a fake dialect answers before faults are applied: a whole body, or a stream of events. */
sealed interface FakeReply {
    int status();

    Map<String, String> headers();

    /**
     * @param answer the number of a model answer (for {@link FakeUpstream#answerState}), or -1 when the
     *     body is not one (errors, model lists, embeddings)
     */
    record Whole(int status, Map<String, String> headers, String body, int answer) implements FakeReply {}

    /**
     * A streamed answer. Each element of {@code events} is written as one unit, so the stream faults
     * count them ("stall after 2 events").
     */
    record Stream(Map<String, String> headers, String contentType, List<String> events, int answer) implements FakeReply {
        @Override
        public int status() {
            return 200;
        }
    }

    static Whole json(int status, String body) {
        return new Whole(status, Map.of(), body, -1);
    }
}
