package dev.switchboard.config;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code keys:} → the virtual keys declared in the file. */
final class VirtualKeyBinder {
    private VirtualKeyBinder() {}

    /**
     * @param adminKey the admin key, which no virtual key may equal (it would grant admin to a tenant)
     * @param projects the names under {@code projects:}; a key's project must be one of them, so that a typo
     *                 cannot silently detach a key from its project's limits
     */
    static List<VirtualKeyConfig> bind(Binding b, YamlNode.Entry section, String adminKey, Set<String> projects) {
        List<VirtualKeyConfig> keys = new ArrayList<>();
        if (section == null) {
            return keys;
        }
        List<Binding.Item> items = b.items(section.value(), "keys", false);
        if (items == null) {
            return keys;
        }
        Map<String, String> nameSeenAt = new HashMap<>();
        Map<String, String> keySeenAt = new HashMap<>();
        for (Binding.Item item : items) {
            Fields f = b.fields(item.node(), item.path(), item.node().line(),
                    "name", "key", "models", "endpoints", "project", "limits", "expires", "log_bodies");
            if (f == null) {
                continue;
            }
            int problemsBefore = b.problems.size();
            String name = f.string("name");
            if (name == null || name.isBlank()) {
                b.problem(f.path("name"), f.lineOf("name"), "missing name");
            } else if (nameSeenAt.putIfAbsent(name, item.path()) != null) {
                b.problem(f.path("name"), f.lineOf("name"), "duplicate key name '" + name + "' (also "
                        + nameSeenAt.get(name) + ")");
            }
            String key = key(b, f);
            if (key != null && key.equals(adminKey)) {
                b.problem(f.path("key"), f.lineOf("key"), "same value as server.admin_key; use a different secret");
            } else if (key != null && keySeenAt.putIfAbsent(key, item.path()) != null) {
                b.problem(f.path("key"), f.lineOf("key"), "same value as " + keySeenAt.get(key) + ".key; keys must be unique");
            }
            List<String> models = f.strings("models");
            if (models != null && models.isEmpty() && b.problems.size() == problemsBefore) {
                // An empty list would mean "all models" to VirtualKeyConfig, the opposite of how it reads.
                b.problem(f.path("models"), f.lineOf("models"), "empty list; leave models out to allow every model");
            }
            List<String> endpoints = endpoints(b, f);
            String project = f.string("project");
            if (project != null && !projects.contains(project.strip())) {
                b.problem(f.path("project"), f.lineOf("project"), "unknown project '" + project.strip() + "'"
                        + (projects.isEmpty() ? "; declare it under projects:" : " (declared: " + String.join(", ", projects) + ")"));
            }
            TenantLimits limits = TenantLimitsBinder.bind(b, f);
            Instant expires = f.parsed("expires", VirtualKeyBinder::expiry);
            Boolean logBodies = f.bool("log_bodies");
            if (b.problems.size() == problemsBefore) {
                keys.add(new VirtualKeyConfig(name.strip(), key, models == null ? List.of() : models, endpoints,
                        project == null ? null : project.strip(), limits, expires, logBodies));
            }
        }
        return keys;
    }

    private static String key(Binding b, Fields f) {
        if (!f.has("key")) {
            b.problem(f.path("key"), f.lineOf("key"), "missing key");
            return null;
        }
        Binding.Text t = f.text("key");
        if (t == null) {
            return null;
        }
        String value = Secrecy.checked(b, t);
        if (value == null) {
            return null;
        }
        if (value.length() < Secrecy.MIN_GENERATED_SECRET) {
            b.problem(t.path(), t.line(), "weak secret: use at least " + Secrecy.MIN_GENERATED_SECRET
                    + " random characters (e.g. openssl rand -hex 24)");
            return null;
        }
        return value;
    }

    /**
     * {@code expires}: a date means "valid through that day, UTC" (people write the last good day), a
     * timestamp needs its offset so that no instance reads it in its own time zone.
     */
    static Instant expiry(String text) {
        String t = text.strip();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid time '" + t + "': use a date (2026-12-31, valid through that "
                    + "day UTC) or a timestamp with offset (2026-12-31T18:00:00Z)");
        }
    }

    private static List<String> endpoints(Binding b, Fields f) {
        List<String> endpoints = f.strings("endpoints");
        if (endpoints == null) {
            return List.of();
        }
        for (int i = 0; i < endpoints.size(); i++) {
            if (!endpoints.get(i).startsWith("/")) {
                b.problem(ConfigPath.index(f.path("endpoints"), i), f.lineOf("endpoints"),
                        "'" + endpoints.get(i) + "' is not a path; write it as the client calls it, e.g. /v1/chat/completions");
            }
        }
        return endpoints;
    }
}
