package dev.switchboard.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code projects:} → {@link ProjectConfig}s by name, in file order. */
final class ProjectBinder {
    private ProjectBinder() {}

    /** @param section the {@code projects:} mapping, or null when absent */
    static Map<String, ProjectConfig> bind(Binding b, YamlNode.Mapping section) {
        Map<String, ProjectConfig> projects = new LinkedHashMap<>();
        if (section == null) {
            return projects;
        }
        for (YamlNode.Entry e : section.entries().values()) {
            String path = ConfigPath.child("projects", e.key());
            int problemsBefore = b.problems.size();
            if (!ProviderBinder.NAME.matcher(e.key()).matches()) {
                b.problem(path, e.keyLine(), "invalid project name '" + e.key()
                        + "': use lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            Fields f = YamlNode.isNull(e.value()) ? null
                    : b.fields(e.value(), path, e.keyLine(), "models", "limits", "log_bodies");
            List<String> models = f == null ? null : f.strings("models");
            if (models != null && models.isEmpty() && b.problems.size() == problemsBefore) {
                b.problem(f.path("models"), f.lineOf("models"), "empty list; leave models out to allow every model");
            }
            TenantLimits limits = f == null ? TenantLimits.NONE : TenantLimitsBinder.bind(b, f);
            Boolean logBodies = f == null ? null : f.bool("log_bodies");
            if (b.problems.size() == problemsBefore) {
                projects.put(e.key(), new ProjectConfig(e.key(), models == null ? List.of() : models, limits,
                        logBodies != null && logBodies));
            }
        }
        return projects;
    }
}
