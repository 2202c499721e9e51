package dev.switchboard.pipeline;

import dev.switchboard.routing.Candidate;
import dev.switchboard.routing.Glob;
import dev.switchboard.routing.Route;
import dev.switchboard.tenancy.Tenant;
import java.util.List;

/**
 * Who is calling, after authentication.
 *
 * @param models globs over the names this caller's key may use; empty means any
 * @param tenant the key and its project, or null in dev mode
 */
public record Principal(String name, List<String> models, Tenant tenant) {
    public static final Principal DEV = new Principal("dev", List.of(), null);

    public Principal {
        models = List.copyOf(models);
    }

    public Principal(String name, List<String> models) {
        this(name, models, null);
    }

    static Principal of(Tenant tenant) {
        return new Principal(tenant.key().name(), tenant.key().models(), tenant);
    }

    /** Allowed when the key and its project both allow it (each: the requested name or every target). */
    public boolean mayUse(Route route) {
        return allows(models, route) && allows(projectModels(), route);
    }

    public boolean mayList(String modelName) {
        return (models.isEmpty() || Glob.anyMatches(models, modelName))
                && (projectModels().isEmpty() || Glob.anyMatches(projectModels(), modelName));
    }

    /** Whether the key may call this request path ({@code endpoints:} globs; none means all). */
    public boolean mayCall(String path) {
        if (tenant == null || tenant.key().endpoints().isEmpty()) {
            return true;
        }
        return Glob.anyMatches(tenant.key().endpoints(), path);
    }

    String keyId() {
        return tenant == null ? null : tenant.key().id();
    }

    String projectId() {
        return tenant == null || tenant.project() == null ? null : tenant.project().id();
    }

    private List<String> projectModels() {
        return tenant == null || tenant.project() == null ? List.of() : tenant.project().models();
    }

    private static boolean allows(List<String> globs, Route route) {
        if (globs.isEmpty() || Glob.anyMatches(globs, route.requestedModel())) {
            return true;
        }
        for (Candidate c : route.candidates()) {
            if (!Glob.anyMatches(globs, c.qualifiedName())) {
                return false;
            }
        }
        return !route.candidates().isEmpty();
    }
}
