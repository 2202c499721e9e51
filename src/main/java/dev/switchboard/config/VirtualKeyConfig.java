package dev.switchboard.config;

import java.time.Instant;
import java.util.List;

/**
 * A virtual key declared in the config file.
 *
 * @param models    globs over model names the key may use; empty means all
 * @param endpoints globs over request paths the key may call ({@code /v1/chat/completions},
 *                  {@code /v1beta/models/*}); empty means all
 * @param project   the name of an entry under {@code projects:}, or null
 * @param expires   null when the key never expires
 * @param logBodies null inherits the project's setting (off without a project)
 */
public record VirtualKeyConfig(
        String name, String key, List<String> models, List<String> endpoints, String project, TenantLimits limits,
        Instant expires, Boolean logBodies) {
    public VirtualKeyConfig {
        models = List.copyOf(models);
        endpoints = List.copyOf(endpoints);
    }

    /** A key with no restrictions beyond its models. */
    public VirtualKeyConfig(String name, String key, List<String> models) {
        this(name, key, models, List.of(), null, TenantLimits.NONE, null, null);
    }

    @Override
    public String toString() {
        return "VirtualKeyConfig[name=" + name + ", key=" + Secrets.mask(key) + ", models=" + models
                + ", endpoints=" + endpoints + ", project=" + project + ", limits=" + limits + ", expires=" + expires
                + ", logBodies=" + logBodies + "]";
    }
}
