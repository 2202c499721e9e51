package dev.switchboard.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code resilience: {breaker, retry, keys}} under {@code defaults}, a provider or a model route. Each
 * field left out is inherited; what is written is returned as an override (null = inherit) that the
 * caller lays over its parent, then {@link #check}s, since some rules span two fields that may come from
 * different levels ({@code open_max ≥ open}).
 */
final class ResilienceBinder {
    static final String[] BREAKER = {"consecutive_failures", "failure_rate", "window", "minimum_requests", "open",
        "open_max", "half_open_probes"};
    static final String[] RETRY = {"max_attempts", "backoff", "backoff_max", "max_server_delay", "budget"};
    static final String[] KEYS = {"strategy", "max_cooldown", "exhausted_cooldown"};

    private ResilienceBinder() {}

    /**
     * What one {@code resilience:} mapping wrote, and where, so that rules checked after merging point at
     * the right line.
     *
     * @param lines line of each written field, keyed {@code breaker.open} etc.
     */
    record Bound(ResilienceConfig override, String path, Map<String, Integer> lines) {
        static Bound none(String path) {
            return new Bound(ResilienceConfig.INHERIT, path, Map.of());
        }
    }

    /** @param route a model route's section: {@code keys} and {@code retry.budget} belong to providers */
    static Bound bind(Binding b, YamlNode.Entry entry, String path, boolean route) {
        if (entry == null) {
            return Bound.none(path);
        }
        Fields f = b.fields(entry.value(), path, entry.keyLine(), "breaker", "retry", "keys");
        if (f == null) {
            return Bound.none(path);
        }
        Map<String, Integer> lines = new HashMap<>();
        ResilienceConfig.Breaker breaker = breaker(b, f, lines);
        ResilienceConfig.Retry retry = retry(b, f, lines, route);
        ResilienceConfig.Keys keys = ResilienceConfig.Keys.INHERIT;
        if (route) {
            if (f.written("keys")) {
                b.problem(f.path("keys"), f.lineOf("keys"),
                        "key settings belong to a provider: set them under providers.<name>.resilience.keys");
            }
        } else {
            keys = keys(b, f, lines);
        }
        return new Bound(new ResilienceConfig(breaker, retry, keys), path, lines);
    }

    /**
     * Rules that span fields, on the merged result; reported at whichever of the two fields this level
     * wrote. Reports nothing when neither was written here (the parent was checked already).
     *
     * @param context appended to messages, e.g. " (provider openai)" for a route merged over a provider
     * @return whether no problem was found
     */
    static boolean check(Binding b, Bound bound, ResilienceConfig merged, String context) {
        boolean ok = ordered(b, bound, "breaker", "open", merged.breaker().open(), "open_max",
                merged.breaker().openMax(), context);
        return ordered(b, bound, "retry", "backoff", merged.retry().backoff(), "backoff_max",
                merged.retry().backoffMax(), context) && ok;
    }

    private static boolean ordered(Binding b, Bound bound, String section, String low, Duration lowValue,
            String high, Duration highValue, String context) {
        if (highValue.compareTo(lowValue) >= 0) {
            return true;
        }
        Integer highLine = bound.lines().get(section + "." + high);
        Integer lowLine = bound.lines().get(section + "." + low);
        String at = ConfigPath.child(bound.path(), section);
        if (highLine != null) {
            b.problem(ConfigPath.child(at, high), highLine, "must not be shorter than " + low + " ("
                    + DurationParser.format(lowValue) + ")" + context);
        } else if (lowLine != null) {
            b.problem(ConfigPath.child(at, low), lowLine, "is longer than " + high + " ("
                    + DurationParser.format(highValue) + ")" + context + "; raise " + high + " as well");
        } else {
            return true;
        }
        return false;
    }

    private static Fields section(Binding b, Fields parent, String name, Map<String, Integer> lines, String... known) {
        YamlNode.Entry e = parent.entry(name);
        if (e == null) {
            return null;
        }
        Fields f = b.fields(e.value(), parent.path(name), e.keyLine(), known);
        if (f != null) {
            for (String k : known) {
                if (f.written(k)) {
                    lines.put(name + "." + k, f.lineOf(k));
                }
            }
        }
        return f;
    }

    private static ResilienceConfig.Breaker breaker(Binding b, Fields parent, Map<String, Integer> lines) {
        Fields f = section(b, parent, "breaker", lines, BREAKER);
        if (f == null) {
            return ResilienceConfig.Breaker.INHERIT;
        }
        Duration window = f.duration("window", true);
        if (window != null && window.compareTo(Duration.ofSeconds(1)) < 0) {
            b.problem(f.path("window"), f.lineOf("window"), "must be at least 1s");
            window = null;
        }
        return new ResilienceConfig.Breaker(
                f.integer("consecutive_failures", 1, 1_000_000),
                f.number("failure_rate", 0, true, 1),
                window,
                f.integer("minimum_requests", 1, 1_000_000),
                f.duration("open", true),
                f.duration("open_max", true),
                f.integer("half_open_probes", 1, 10_000));
    }

    private static ResilienceConfig.Retry retry(Binding b, Fields parent, Map<String, Integer> lines, boolean route) {
        Fields f = section(b, parent, "retry", lines, RETRY);
        if (f == null) {
            return ResilienceConfig.Retry.INHERIT;
        }
        Double budget = null;
        if (route && f.written("budget")) {
            b.problem(f.path("budget"), f.lineOf("budget"),
                    "the retry budget is shared by all calls to a provider: set it under providers.<name>.resilience.retry");
        } else {
            budget = f.number("budget", 0, false, 1);
        }
        return new ResilienceConfig.Retry(
                f.integer("max_attempts", 1, 10),
                f.duration("backoff", false),
                f.duration("backoff_max", false),
                f.duration("max_server_delay", false),
                budget);
    }

    private static ResilienceConfig.Keys keys(Binding b, Fields parent, Map<String, Integer> lines) {
        Fields f = section(b, parent, "keys", lines, KEYS);
        if (f == null) {
            return ResilienceConfig.Keys.INHERIT;
        }
        return new ResilienceConfig.Keys(
                f.choice("strategy", ResilienceConfig.KeyStrategy.class),
                f.duration("max_cooldown", true),
                f.duration("exhausted_cooldown", true));
    }

    /** One line for {@code validate}: the fields that are set, as the file spells them. */
    static String describe(ResilienceConfig r) {
        StringBuilder out = new StringBuilder();
        ResilienceConfig.Breaker br = r.breaker();
        part(out, "breaker", new Object[] {br.consecutiveFailures(), br.failureRate(), br.window(), br.minimumRequests(),
            br.open(), br.openMax(), br.halfOpenProbes()}, BREAKER);
        ResilienceConfig.Retry rt = r.retry();
        part(out, "retry", new Object[] {rt.maxAttempts(), rt.backoff(), rt.backoffMax(), rt.maxServerDelay(), rt.budget()},
                RETRY);
        ResilienceConfig.Keys k = r.keys();
        part(out, "keys", new Object[] {k.strategy(), k.maxCooldown(), k.exhaustedCooldown()}, KEYS);
        return out.toString();
    }

    private static void part(StringBuilder out, String name, Object[] values, String[] names) {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue;
            }
            String text = v instanceof Duration d ? DurationParser.format(d)
                    : v instanceof Double x ? Fields.plain(x)
                    : v instanceof Enum<?> e ? EnumNames.configName(e) : v.toString();
            p.append(p.isEmpty() ? "" : ", ").append(names[i]).append(' ').append(text);
        }
        if (!p.isEmpty()) {
            out.append(out.isEmpty() ? "" : "; ").append(name).append(": ").append(p);
        }
    }
}
