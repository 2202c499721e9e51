package dev.switchboard.config;

import java.util.List;

/**
 * A project declared under {@code projects:}: a group of keys that shares models, limits and a budget.
 * A key of the project is bound by both its own settings and the project's.
 *
 * @param models    globs over model names the project's keys may use; empty means all
 * @param logBodies whether request and response bodies of its keys are logged (a key may override it)
 */
public record ProjectConfig(String name, List<String> models, TenantLimits limits, boolean logBodies) {
    public ProjectConfig {
        models = List.copyOf(models);
    }
}
