package dev.switchboard.tenancy;

import java.util.List;
import java.util.Map;

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

    /**
     * A key's {@code projectId} may name a project of another source (a stored key in a config project).
     *
     * @param consumption what the store has recorded for keys and projects defined elsewhere (the config
     *                    file's keys have no row of their own, but their usage is stored), by counter id
     *                    ({@link Scope#keyCounterId}, {@link Scope#projectCounterId}); it replaces the
     *                    defining source's figure
     */
    record Listing(List<Project> projects, List<VirtualKey> keys, Map<String, Consumption> consumption) {
        public static final Listing EMPTY = new Listing(List.of(), List.of());

        public Listing {
            projects = List.copyOf(projects);
            keys = List.copyOf(keys);
            consumption = Map.copyOf(consumption);
        }

        public Listing(List<Project> projects, List<VirtualKey> keys) {
            this(projects, keys, Map.of());
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
