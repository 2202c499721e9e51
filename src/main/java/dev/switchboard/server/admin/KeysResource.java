package dev.switchboard.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.server.admin.AdminChanges.Target;
import dev.switchboard.store.Budget;
import dev.switchboard.store.KeyRow;
import dev.switchboard.store.Limits;
import dev.switchboard.store.Page;
import dev.switchboard.store.ProjectRow;
import dev.switchboard.store.Store;
import dev.switchboard.tenancy.VirtualKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code /admin/v1/keys}: virtual keys. The secret ({@code sk-sb-…}) is in the answer of the call that
 * made it (create, rotate) and nowhere else, ever: the store has only its hash, lists show its prefix.
 */
final class KeysResource {
    private static final Set<String> LIST_PARAMS = Set.of("project", "include_revoked", "limit", "offset");

    private final Store store;
    private final VirtualKeys keys;
    private final AdminChanges changes;
    private final Ids ids;
    private final Clock clock;

    KeysResource(Store store, VirtualKeys keys, AdminChanges changes, Ids ids, Clock clock) {
        this.store = store;
        this.keys = keys;
        this.changes = changes;
        this.ids = ids;
        this.clock = clock;
    }

    AdminReply list(AdminCall call) {
        QueryInput q = call.params().only(LIST_PARAMS);
        String project = q.text("project");
        boolean includeRevoked = q.bool("include_revoked", false);
        return AdminReply.ok(AdminViews.list(store.keys().list(project, includeRevoked, q.page()), AdminViews::key));
    }

    AdminReply create(AdminCall call) {
        call.params().only(Set.of());
        JsonInput body = call.json();
        String name = body.text("name", Inputs.MAX_NAME, true);
        Instant now = clock.instant();
        KeyRow blank = new KeyRow("new", name, null, "-", "-", null, null, null, null, Limits.NONE, null, null, null,
                now, now);
        KeyRow settings = apply(body, blank, now);
        VirtualKeys.Generated secret = keys.generate();
        KeyRow created = new KeyRow(ids.next("key"), name, settings.projectId(), secret.hash(), secret.prefix(),
                settings.expiresAt(), null, settings.allowedModels(), settings.allowedEndpoints(), settings.limits(),
                settings.budget(), settings.logBodies(), null, now, now);
        store.keys().insert(created);
        changes.tenantChanged(call.actor(), "key.create", Target.key(created.id()), AdminViews.key(created));
        return AdminReply.created(withSecret(created, secret));
    }

    AdminReply get(AdminCall call) {
        call.params().only(Set.of());
        return AdminReply.ok(AdminViews.key(find(call.id())));
    }

    AdminReply update(AdminCall call) {
        call.params().only(Set.of());
        KeyRow old = find(call.id());
        JsonInput body = call.json();
        String name = body.has("name") ? body.text("name", Inputs.MAX_NAME, true) : old.name();
        Instant now = clock.instant();
        KeyRow patched = apply(body, old, now);
        KeyRow next = new KeyRow(old.id(), name, patched.projectId(), old.keyHash(), old.prefix(), patched.expiresAt(),
                old.revokedAt(), patched.allowedModels(), patched.allowedEndpoints(), patched.limits(),
                patched.budget(), patched.logBodies(), old.lastUsedAt(), old.createdAt(), now);
        if (!store.keys().update(next)) {
            throw AdminProblem.notFound("no key with id " + old.id());
        }
        changes.tenantChanged(call.actor(), "key.update", Target.key(next.id()), AdminViews.key(next));
        return AdminReply.ok(AdminViews.key(next));
    }

    /** Idempotent: revoking a revoked key answers it as it is and changes nothing. */
    AdminReply revoke(AdminCall call) {
        call.params().only(Set.of());
        call.json().finish();
        KeyRow k = find(call.id());
        if (k.revokedAt() != null) {
            return AdminReply.ok(AdminViews.key(k));
        }
        Instant now = clock.instant();
        if (store.keys().revoke(k.id(), now)) {
            changes.tenantChanged(call.actor(), "key.revoke", Target.key(k.id()),
                    AdminViews.object("key").put("name", k.name()).put("prefix", k.prefix()));
        }
        return AdminReply.ok(AdminViews.key(find(k.id())));
    }

    /** A new secret for the key; the old one stops working at once. Counters and usage stay with the key id. */
    AdminReply rotate(AdminCall call) {
        call.params().only(Set.of());
        call.json().finish();
        KeyRow k = find(call.id());
        if (k.revokedAt() != null) {
            throw AdminProblem.conflict("key " + k.id() + " is revoked; create a new key instead", "id");
        }
        VirtualKeys.Generated secret = keys.generate();
        Instant now = clock.instant();
        if (!store.keys().rotate(k.id(), secret.hash(), secret.prefix(), now)) {
            throw AdminProblem.notFound("no key with id " + k.id());
        }
        changes.tenantChanged(call.actor(), "key.rotate", Target.key(k.id()), AdminViews.object("key")
                .put("name", k.name()).put("previous_prefix", k.prefix()).put("prefix", secret.prefix()));
        return AdminReply.ok(withSecret(find(k.id()), secret));
    }

    private static ObjectNode withSecret(KeyRow row, VirtualKeys.Generated secret) {
        return AdminViews.key(row).put("secret", secret.secret());
    }

    /** The settings create and update share, applied onto {@code base}; then checks nothing else was sent. */
    private KeyRow apply(JsonInput body, KeyRow base, Instant now) {
        String projectId = base.projectId();
        if (body.has("project")) {
            String ref = body.text("project", Inputs.MAX_NAME, false);
            projectId = ref == null ? null : project(ref, body.param("project")).id();
        }
        Instant expires = base.expiresAt();
        if (body.has("expires_at")) {
            String at = body.text("expires_at", 64, false);
            expires = at == null ? null : Times.parse(at, now, Times.Direction.FUTURE, "expires_at");
        }
        Long maxRequests = body.has("max_requests") ? body.positive("max_requests", PolicyInput.MAX_COUNT)
                : base.limits().maxRequests();
        Limits l = PolicyInput.limits(body, base.limits(), false);
        Limits limits = new Limits(l.rpm(), l.tpm(), l.concurrency(), maxRequests);
        List<String> models = PolicyInput.models(body, "models", base.allowedModels());
        List<String> endpoints = PolicyInput.endpoints(body, base.allowedEndpoints());
        Budget budget = PolicyInput.budget(body, base.budget());
        Boolean logBodies = body.has("log_bodies") ? body.bool("log_bodies") : base.logBodies();
        body.finish();
        return new KeyRow(base.id(), base.name(), projectId, base.keyHash(), base.prefix(), expires, base.revokedAt(),
                models, endpoints, limits, budget, logBodies, base.lastUsedAt(), base.createdAt(), base.updatedAt());
    }

    /** A project named by id or, for people typing, by name. */
    private ProjectRow project(String ref, String param) {
        return (Inputs.isId(ref) ? store.projects().find(ref) : java.util.Optional.<ProjectRow>empty())
                .or(() -> store.projects().findByName(ref))
                .orElseThrow(() -> AdminProblem.invalid("'" + param + "' names no project (give its id or name)", param));
    }

    /** Not found says so without quoting the id: a client may have pasted a secret where the id goes. */
    private KeyRow find(String id) {
        return (Inputs.isId(id) ? store.keys().find(id) : java.util.Optional.<KeyRow>empty())
                .orElseThrow(() -> AdminProblem.notFound("no key with that id"));
    }
}
