package dev.switchboard.tenancy;

/**
 * One set of counters a request is charged to: its key, and its project when it has one.
 *
 * @param counterId unique across kinds ({@code k:<key id>}, {@code p:<project id>}), the name counters go by
 */
public record Scope(Kind kind, String counterId, String name, Limits limits, Consumption consumption) {
    public enum Kind {
        KEY,
        PROJECT;

        /** "key", "project", for messages. */
        public String label() {
            return this == KEY ? "key" : "project";
        }
    }

    public static String keyCounterId(String keyId) {
        return "k:" + keyId;
    }

    public static String projectCounterId(String projectId) {
        return "p:" + projectId;
    }

    static Scope of(VirtualKey key) {
        return new Scope(Kind.KEY, keyCounterId(key.id()), key.name(), key.limits(), key.consumption());
    }

    static Scope of(Project project) {
        return new Scope(Kind.PROJECT, projectCounterId(project.id()), project.name(), project.limits(),
                project.consumption());
    }
}
