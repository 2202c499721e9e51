package dev.switchboard.config;

import java.util.Locale;

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
        Binding.Text t = root.text("store");
        if (t == null || t.value().isBlank()) {
            return DEFAULT_STORE;
        }
        String url = t.value().strip();
        String lower = url.toLowerCase(Locale.ROOT);
        boolean ok = lower.startsWith("sqlite:") ? url.length() > "sqlite:".length()
                : lower.startsWith("postgresql://") || lower.startsWith("postgres://");
        if (!ok) {
            b.problem(t.path(), t.line(), "expected sqlite:<file> or postgresql://user@host:5432/db");
            return null;
        }
        return url;
    }

    /** {@code redis://}, {@code rediss://} (TLS) or {@code unix://}; null (not configured) when absent or empty. */
    static String redis(Binding b, Fields root) {
        Binding.Text t = root.text("redis");
        if (t == null || t.value().isBlank()) {
            return null;
        }
        String url = t.value().strip();
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("redis://") && !lower.startsWith("rediss://") && !lower.startsWith("unix://")) {
            b.problem(t.path(), t.line(), "expected redis://host:6379, rediss://host:6380 (TLS) or unix:///path");
            return null;
        }
        return url;
    }
}
