package dev.switchboard.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A virtual key as stored. The secret itself is never stored: only its SHA-256 (lower-case hex) and a
 * short display prefix such as {@code sk-sb-Ab3…}.
 *
 * @param projectId        null for a key outside any project
 * @param allowedModels    null = all the project allows
 * @param allowedEndpoints null = all
 * @param logBodies        null = inherit the project's setting
 */
public record KeyRow(
        String id,
        String name,
        String projectId,
        String keyHash,
        String prefix,
        Instant expiresAt,
        Instant revokedAt,
        List<String> allowedModels,
        List<String> allowedEndpoints,
        Limits limits,
        Budget budget,
        Boolean logBodies,
        Instant lastUsedAt,
        Instant createdAt,
        Instant updatedAt) {

    public KeyRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(prefix, "prefix");
        allowedModels = allowedModels == null ? null : List.copyOf(allowedModels);
        allowedEndpoints = allowedEndpoints == null ? null : List.copyOf(allowedEndpoints);
        limits = limits == null ? Limits.NONE : limits;
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Revoked, or past its expiry at {@code now}. */
    public boolean unusableAt(Instant now) {
        return revokedAt != null || (expiresAt != null && !now.isBefore(expiresAt));
    }

    @Override
    public String toString() {
        return "KeyRow[id=" + id + ", name=" + name + ", project=" + projectId + ", prefix=" + prefix
                + ", revoked=" + (revokedAt != null) + "]";
    }
}
