package dev.switchboard.config;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * {@code store:} and {@code redis:}, the two shared backends. Only their scheme is checked here; the
 * store and Redis clients parse the rest and report what they cannot reach when they connect.
 */
final class BackendBinder {
    /** Embedded by default: a fresh install runs with no database server. */
    static final String DEFAULT_STORE = "sqlite:./data/switchboard.db";

    private BackendBinder() {}

    /** {@code sqlite:<path>} or {@code postgresql://…} ({@code postgres://} too); the default when absent. */
    static String store(Binding b, Fields root) {
        String url = url(b, root, "store", u -> u.startsWith("sqlite:") ? u.length() > "sqlite:".length()
                : u.startsWith("postgresql://") || u.startsWith("postgres://"),
                "expected sqlite:<file> or postgresql://user@host:5432/db");
        return url == null ? DEFAULT_STORE : url; // after a problem nothing is built from it
    }

    /** {@code redis://}, {@code rediss://} (TLS) or {@code unix://}; null (not configured) when absent or empty. */
    static String redis(Binding b, Fields root) {
        return url(b, root, "redis", u -> u.startsWith("redis://") || u.startsWith("rediss://") || u.startsWith("unix://"),
                "expected redis://host:6379, rediss://host:6380 (TLS) or unix:///path");
    }

    /** The stripped URL; null when absent, empty, or (problem reported) of a scheme {@code ok} refuses. */
    private static String url(Binding b, Fields root, String key, Predicate<String> ok, String expected) {
        Binding.Text t = root.text(key);
        if (t == null || t.value().isBlank()) {
            return null;
        }
        String url = t.value().strip();
        if (!ok.test(url.toLowerCase(Locale.ROOT))) {
            b.problem(t.path(), t.line(), expected);
            return null;
        }
        return url;
    }
}
