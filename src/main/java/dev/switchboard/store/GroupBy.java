package dev.switchboard.store;

/**
 * The dimensions usage can be grouped by. The SQL expression of each is fixed here: callers pick an
 * enum constant (parsed from input with {@link #parse}), never a column name.
 */
public enum GroupBy {
    KEY("u.key_id", "MAX(u.key_name)"),
    PROJECT("u.project_id", "MAX(p.name)"),
    MODEL("u.model", null),
    PROVIDER("u.provider", null),
    DAY(null, null);

    private final String column;
    private final String label;

    GroupBy(String column, String label) {
        this.column = column;
        this.label = label;
    }

    /** Parses {@code key|project|model|provider|day}, case-insensitively. */
    public static GroupBy parse(String s) {
        for (GroupBy g : values()) {
            if (g.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return g;
            }
        }
        throw new IllegalArgumentException("group by must be one of key, project, model, provider, day");
    }

    String expression(Dialect dialect) {
        return this == DAY ? dialect.utcDay("u.ts") : column;
    }

    /** SQL for a display label of the group (key or project name), or the group value itself. */
    String label(Dialect dialect) {
        return label == null ? expression(dialect) : label;
    }
}
