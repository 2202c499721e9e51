package dev.switchboard.testkit;

import dev.switchboard.store.Budget;
import dev.switchboard.store.KeyRow;
import dev.switchboard.store.Limits;
import dev.switchboard.store.ProjectRow;
import dev.switchboard.store.Store;
import dev.switchboard.tenancy.VirtualKeys;
import java.time.Instant;
import java.util.UUID;

/**
 * Projects and keys written straight into a gateway's store, as the admin API would write them, for
 * end-to-end tests of keys that live in the store rather than the config file.
 */
public final class StoredKeys {
    private StoredKeys() {}

    /** A key as created: its id and the secret shown once. */
    public record Created(String id, String secret) {}

    public static String project(Store store, String name, boolean active, Limits limits, Budget budget) {
        Instant now = Instant.now();
        String id = "prj_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        store.projects().insert(new ProjectRow(id, name, null, limits, budget, active, false, now, now));
        return id;
    }

    public static Created key(Store store, String name, String projectId, Limits limits, Budget budget) {
        Instant now = Instant.now();
        VirtualKeys.Generated g = new VirtualKeys().generate();
        String id = "key_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        store.keys().insert(new KeyRow(id, name, projectId, g.hash(), g.prefix(), null, null, null, null, limits, budget,
                null, null, now, now));
        return new Created(id, g.secret());
    }

    /** Sets a project's active flag, as an admin deactivating or reactivating it would. */
    public static void setActive(Store store, String projectId, boolean active) {
        ProjectRow p = store.projects().find(projectId).orElseThrow();
        store.projects().update(new ProjectRow(p.id(), p.name(), p.allowedModels(), p.limits(), p.budget(), active,
                p.logBodies(), p.createdAt(), Instant.now()));
    }
}
