package dev.switchboard.tenancy;

import java.util.List;

/**
 * Who is calling, after authentication: the key and its project. Model and endpoint globs of both
 * apply (the pipeline matches them with {@code routing.Glob}; empty lists allow everything).
 *
 * @param project null when the key belongs to no project
 */
public record Tenant(VirtualKey key, Project project) {
    /** Key first, then project: the order limits are checked and rejections are reported in. */
    public List<Scope> scopes() {
        return project == null ? List.of(Scope.of(key)) : List.of(Scope.of(key), Scope.of(project));
    }

    /** The key's own setting when it has one, else the project's, else off. */
    public boolean logBodies() {
        if (key.logBodies() != null) {
            return key.logBodies();
        }
        return project != null && project.logBodies();
    }

    /**
     * Counters of a key and its project must live together (one Redis Cluster slot) for a single atomic
     * script to check them all; the project when there is one, else the key, names that group.
     */
    public String counterGroup() {
        return project == null ? Scope.keyCounterId(key.id()) : Scope.projectCounterId(project.id());
    }
}
