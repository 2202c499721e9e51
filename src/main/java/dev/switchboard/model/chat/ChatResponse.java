package dev.switchboard.model.chat;

import dev.switchboard.model.Usage;
import java.util.List;
import java.util.Objects;

/** A complete (non-streamed) answer. {@code created} is epoch seconds. */
public record ChatResponse(String id, String model, long created, List<Choice> choices, Usage usage) {
    public ChatResponse {
        Objects.requireNonNull(id, "id");
        choices = List.copyOf(choices);
        usage = usage == null ? Usage.NONE : usage;
    }

    public Choice first() {
        return choices.isEmpty() ? new Choice(0, List.of(), StopReason.END_TURN, null) : choices.get(0);
    }
}
