package dev.switchboard.config;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code keys:} → the virtual keys declared in the file. */
final class VirtualKeyBinder {
    private VirtualKeyBinder() {}

    /** @param adminKey the admin key, which no virtual key may equal (it would grant admin to a tenant) */
    static List<VirtualKeyConfig> bind(Binding b, YamlNode.Entry section, String adminKey) {
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
            Fields f = b.fields(item.node(), item.path(), item.node().line(), "name", "key", "models", "limits");
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
            validateLimits(b, f);
            if (b.problems.size() == problemsBefore) {
                keys.add(new VirtualKeyConfig(name.strip(), key, models == null ? List.of() : models));
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
     * {@code limits: {rpm, tpm, budget_usd, budget_period}} is part of the documented file shape but
     * {@link VirtualKeyConfig} has no place for it yet. It is checked here so that a broken file is still
     * reported; enforcing it is the tenancy package's job once the record carries it.
     */
    private static void validateLimits(Binding b, Fields key) {
        YamlNode.Entry e = key.entry("limits");
        if (e == null) {
            return;
        }
        Fields f = b.fields(e.value(), key.path("limits"), e.keyLine(), "rpm", "tpm", "budget_usd", "budget_period");
        if (f == null) {
            return;
        }
        f.integer("rpm", 1, Integer.MAX_VALUE);
        f.integer("tpm", 1, Integer.MAX_VALUE);
        f.parsed("budget_usd", s -> {
            try {
                BigDecimal v = new BigDecimal(s.strip());
                if (v.signum() >= 0) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // falls through to the message below
            }
            throw new IllegalArgumentException("must be a number of dollars, 0 or more");
        });
        f.parsed("budget_period", s -> switch (s.strip()) {
            case "day", "week", "month" -> s;
            default -> throw new IllegalArgumentException("unknown value '" + s + "'; expected day | week | month");
        });
    }
}
