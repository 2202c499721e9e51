package dev.switchboard.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.server.admin.AdminChanges.Target;
import dev.switchboard.store.Budget;
import dev.switchboard.store.Limits;
import dev.switchboard.store.Page;
import dev.switchboard.store.ProjectRow;
import dev.switchboard.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@code /admin/v1/projects}: list, create, read, change (merge patch) and delete projects. */
final class ProjectsResource {
    private final Store store;
    private final AdminChanges changes;
    private final Ids ids;
    private final Clock clock;

    ProjectsResource(Store store, AdminChanges changes, Ids ids, Clock clock) {
        this.store = store;
        this.changes = changes;
        this.ids = ids;
        this.clock = clock;
    }

    AdminReply list(AdminCall call) {
        Page page = call.params().only(QueryInput.PAGING).page();
        return AdminReply.ok(AdminViews.list(store.projects().list(page), AdminViews::project));
    }

    AdminReply create(AdminCall call) {
        call.params().only(Set.of());
        JsonInput body = call.json();
        String name = body.text("name", Inputs.MAX_NAME, true);
        ProjectRow row = apply(body, new ProjectRow("new", name, null, Limits.NONE, null, true, false,
                Instant.EPOCH, Instant.EPOCH));
        Instant now = clock.instant();
        ProjectRow created = new ProjectRow(ids.next("prj"), name, row.allowedModels(), row.limits(), row.budget(),
                row.active(), row.logBodies(), now, now);
        requireFreeName(name, null);
        store.projects().insert(created);
        changes.tenantChanged(call.actor(), "project.create", Target.project(created.id()), AdminViews.project(created));
        return AdminReply.created(AdminViews.project(created));
    }

    AdminReply get(AdminCall call) {
        call.params().only(Set.of());
        return AdminReply.ok(AdminViews.project(find(call.id())));
    }

    AdminReply update(AdminCall call) {
        call.params().only(Set.of());
        ProjectRow old = find(call.id());
        JsonInput body = call.json();
        String name = body.has("name") ? body.text("name", Inputs.MAX_NAME, true) : old.name();
        ProjectRow patched = apply(body, old);
        ProjectRow next = new ProjectRow(old.id(), name, patched.allowedModels(), patched.limits(), patched.budget(),
                patched.active(), patched.logBodies(), old.createdAt(), clock.instant());
        if (!name.equals(old.name())) {
            requireFreeName(name, old.id());
        }
        if (!store.projects().update(next)) {
            throw AdminProblem.notFound("no project with id " + old.id());
        }
        ObjectNode detail = AdminViews.project(next);
        detail.put("previous_name", old.name());
        changes.tenantChanged(call.actor(), "project.update", Target.project(next.id()), detail);
        return AdminReply.ok(AdminViews.project(next));
    }

    /** Only a project without keys (revoked ones included: their usage names the project) can go. */
    AdminReply delete(AdminCall call) {
        call.params().only(Set.of());
        ProjectRow p = find(call.id());
        if (!store.keys().list(p.id(), true, Page.of(1)).items().isEmpty()) {
            throw AdminProblem.conflict("project " + p.id() + " still has keys; delete or move them first, or set "
                    + "active=false to refuse every key of the project", "id");
        }
        if (!store.projects().delete(p.id())) {
            throw AdminProblem.notFound("no project with id " + p.id());
        }
        changes.tenantChanged(call.actor(), "project.delete", Target.project(p.id()),
                AdminViews.object("project").put("name", p.name()));
        return AdminReply.ok(AdminViews.object("project").put("id", p.id()).put("deleted", true));
    }

    /** The fields both create and update take, applied onto {@code base}; then checks nothing else was sent. */
    private static ProjectRow apply(JsonInput body, ProjectRow base) {
        List<String> models = PolicyInput.models(body, "models", base.allowedModels());
        Limits limits = PolicyInput.limits(body, base.limits(), true);
        Budget budget = PolicyInput.budget(body, base.budget());
        Boolean active = body.bool("active");
        Boolean logBodies = body.bool("log_bodies");
        body.finish();
        return new ProjectRow(base.id(), base.name(), models, limits, budget, active == null ? base.active() : active,
                logBodies == null ? base.logBodies() : logBodies, base.createdAt(), base.updatedAt());
    }

    private void requireFreeName(String name, String exceptId) {
        store.projects().findByName(name).filter(p -> !p.id().equals(exceptId)).ifPresent(p -> {
            throw AdminProblem.conflict("a project with this name exists already: " + p.id(), "name");
        });
    }

    /** Not found says so without quoting the id: a client may have pasted anything where the id goes. */
    private ProjectRow find(String id) {
        return (Inputs.isId(id) ? store.projects().find(id) : java.util.Optional.<ProjectRow>empty())
                .orElseThrow(() -> AdminProblem.notFound("no project with that id"));
    }
}
