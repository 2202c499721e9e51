package dev.switchboard.server.admin;

import dev.switchboard.store.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The query parameters of one admin call, validated: only the documented ones, each at most once, each
 * of its type. Filter values are only ever bound as SQL parameters (see the store), so they are checked for
 * length and control characters, not for "dangerous" characters: a name with a quote is a valid name.
 */
final class QueryInput {
    static final int DEFAULT_LIMIT = 100;
    static final Set<String> PAGING = Set.of("limit", "offset");

    private final Map<String, List<String>> query;

    QueryInput(Map<String, List<String>> query) {
        this.query = query;
    }

    /** Refuses parameters outside {@code allowed} (typos such as {@code group-by} would otherwise do nothing). */
    QueryInput only(Set<String> allowed) {
        for (String name : query.keySet()) {
            if (!allowed.contains(name)) {
                String shown = Inputs.echoable(name);
                throw AdminProblem.invalid("unknown query parameter '" + shown + "'; this endpoint takes "
                        + String.join(", ", allowed.stream().sorted().toList()), shown);
            }
        }
        return this;
    }

    /** The single value of a parameter, or null when absent. */
    String raw(String name) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw AdminProblem.invalid("query parameter '" + name + "' is given more than once", name);
        }
        return values.getFirst();
    }

    /** A filter value of 1..200 characters, or null. */
    String text(String name) {
        String v = raw(name);
        return v == null ? null : Inputs.text(v, Inputs.MAX_NAME, name);
    }

    boolean bool(String name, boolean otherwise) {
        String v = raw(name);
        if (v == null) {
            return otherwise;
        }
        return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw AdminProblem.invalid("query parameter '" + name + "' must be true or false", name);
        };
    }

    Instant since(Instant now) {
        String v = raw("since");
        return v == null ? null : Times.parse(v, now, Times.Direction.PAST, "since");
    }

    Instant until(Instant now) {
        String v = raw("until");
        return v == null ? null : Times.parse(v, now, Times.Direction.PAST, "until");
    }

    /** {@code limit} (1..1000, default 100) and {@code offset} (default 0). */
    Page page() {
        long limit = number("limit", DEFAULT_LIMIT, 1, Page.MAX_LIMIT);
        long offset = number("offset", 0, 0, 1_000_000_000L);
        return new Page((int) limit, offset);
    }

    private long number(String name, long otherwise, long min, long max) {
        String v = raw(name);
        if (v == null) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw AdminProblem.invalid("query parameter '" + name + "' must be a whole number from " + min + " to " + max,
                name);
    }
}
