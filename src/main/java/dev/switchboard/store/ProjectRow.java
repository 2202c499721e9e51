package dev.switchboard.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A project as stored: a tenant that owns keys and shares limits and a budget across them.
 *
 * @param allowedModels model names or globs the project may use; null = all
 * @param budget        null = no budget
 */
public record ProjectRow(
        String id,
        String name,
        List<String> allowedModels,
        Limits limits,
        Budget budget,
        boolean active,
        boolean logBodies,
        Instant createdAt,
        Instant updatedAt) {

    public ProjectRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        allowedModels = allowedModels == null ? null : List.copyOf(allowedModels);
        limits = limits == null ? Limits.NONE : limits;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
