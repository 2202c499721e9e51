package dev.switchboard.pipeline;

import dev.switchboard.routing.Candidate;
import dev.switchboard.routing.Glob;
import dev.switchboard.routing.Route;
import java.util.List;

/**
 * Who is calling, after authentication.
 *
 * @param models globs over the names this caller may use; empty means any
 */
public record Principal(String name, List<String> models) {
    public static final Principal DEV = new Principal("dev", List.of());

    public Principal {
        models = List.copyOf(models);
    }

    /** Allowed when the requested name matches, or every candidate's {@code provider/model} does. */
    public boolean mayUse(Route route) {
        if (models.isEmpty() || Glob.anyMatches(models, route.requestedModel())) {
            return true;
        }
        for (Candidate c : route.candidates()) {
            if (!Glob.anyMatches(models, c.qualifiedName())) {
                return false;
            }
        }
        return !route.candidates().isEmpty();
    }

    public boolean mayList(String modelName) {
        return models.isEmpty() || Glob.anyMatches(models, modelName);
    }
}
