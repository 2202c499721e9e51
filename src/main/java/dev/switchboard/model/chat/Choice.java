package dev.switchboard.model.chat;

import java.util.List;

/** One alternative answer; most requests have exactly one. {@code stopSequence} is the matched one. */
public record Choice(int index, List<Part> parts, StopReason stopReason, String stopSequence) {
    public Choice {
        parts = List.copyOf(parts);
    }
}
