package dev.switchboard.tenancy;

import java.time.Instant;
import java.util.List;

/**
 * A virtual key as stored: never the secret itself, only its {@link VirtualKeys#hash hash}.
 *
 * @param hash      SHA-256 hex of the secret; the directory's index
 * @param id        stable id: counters are keyed by it, so renaming or rotating keeps the counts
 * @param prefix    for display, e.g. {@code sk-sb-AbC…}
 * @param projectId null when the key belongs to no project
 * @param models    globs over model names the key may use; empty means all
 * @param endpoints globs over request paths the key may call; empty means all
 * @param expires   null when the key never expires
 * @param logBodies null inherits the project's setting
 */
public record VirtualKey(
        String hash, String id, String name, String prefix, String projectId, List<String> models,
        List<String> endpoints, Limits limits, Instant expires, boolean revoked, Boolean logBodies,
        Consumption consumption) {
    public VirtualKey {
        models = List.copyOf(models);
        endpoints = List.copyOf(endpoints);
    }

    VirtualKey withConsumption(Consumption c) {
        return new VirtualKey(hash, id, name, prefix, projectId, models, endpoints, limits, expires, revoked, logBodies, c);
    }

    /** Leaves the hash out: a weak config-file secret could be guessed back from it offline. */
    @Override
    public String toString() {
        return "VirtualKey[id=" + id + ", name=" + name + ", prefix=" + prefix + ", projectId=" + projectId
                + ", models=" + models + ", endpoints=" + endpoints + ", limits=" + limits + ", expires=" + expires
                + ", revoked=" + revoked + ", logBodies=" + logBodies + "]";
    }
}
