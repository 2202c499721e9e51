package dev.switchboard.model.chat;

import java.util.List;
import java.util.Objects;

public record Message(Role role, List<Part> parts) {
    public Message {
        Objects.requireNonNull(role, "role");
        parts = List.copyOf(parts);
    }

    public static Message text(Role role, String text) {
        return new Message(role, List.of(new Part.Text(text)));
    }
}
