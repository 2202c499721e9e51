package dev.switchboard.model.chat;

import java.util.Objects;

/** A function the model may call; {@code parametersJson} is a raw JSON Schema object (null = none). */
public record ToolDef(String name, String description, String parametersJson, Boolean strict) {
    public ToolDef {
        Objects.requireNonNull(name, "name");
    }
}
