package dev.switchboard.tenancy;

import java.util.List;

/**
 * Where keys and projects come from: the config file, the store. Called by the directory off the hot
 * path (at start, on change notifications and periodically); it may block.
 */
@FunctionalInterface
public interface TenantSource {
    /** Everything this source holds; throws when it cannot answer (the directory keeps its last answer). */
    Listing list() throws Exception;

    /** For log lines; must not contain credentials. */
    default String describe() {
        return "tenant source";
    }

    /** A key's {@code projectId} may name a project of another source (a stored key in a config project). */
    record Listing(List<Project> projects, List<VirtualKey> keys) {
        public static final Listing EMPTY = new Listing(List.of(), List.of());

        public Listing {
            projects = List.copyOf(projects);
            keys = List.copyOf(keys);
        }
    }

    /** A source whose answer never changes. */
    static TenantSource of(String description, Listing listing) {
        return new TenantSource() {
            @Override
            public Listing list() {
                return listing;
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }
}
