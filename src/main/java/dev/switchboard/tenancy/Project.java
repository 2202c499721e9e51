package dev.switchboard.tenancy;

import java.util.List;

/**
 * A group of keys that shares models, limits and a budget. A key of a project is bound by both.
 *
 * @param id        stable id: counters are keyed by it, so renaming a project keeps its counts
 * @param active    false stops every key of the project (403) without revoking them one by one
 * @param models    globs over model names its keys may use; empty means all
 * @param logBodies whether request and response bodies of its keys are logged (a key may override it)
 */
public record Project(
        String id, String name, boolean active, List<String> models, Limits limits, boolean logBodies,
        Consumption consumption) {
    public Project {
        models = List.copyOf(models);
    }

    Project withConsumption(Consumption c) {
        return new Project(id, name, active, models, limits, logBodies, c);
    }

    /** What a key sees when its project is gone from the store: refused like an inactive project. */
    static Project missing(String id) {
        return new Project(id, id, false, List.of(), Limits.NONE, false, Consumption.NONE);
    }
}
