package dev.switchboard.store;

/**
 * The two SQL engines the store runs on. Everything that differs between them is here or in the
 * per-dialect migration folders; repositories share one set of SQL otherwise.
 */
public enum Dialect {
    SQLITE("sqlite", "strftime('%%Y-%%m-%%d', %s / 1000, 'unixepoch')"),
    POSTGRESQL("postgresql", "to_char(to_timestamp(%s / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD')");

    private final String migrationFolder;
    private final String utcDayOfTs;

    Dialect(String migrationFolder, String utcDayOfTs) {
        this.migrationFolder = migrationFolder;
        this.utcDayOfTs = utcDayOfTs;
    }

    /** Flyway location of this dialect's migrations (same version numbers and table shapes in both). */
    public String migrationLocation() {
        return "classpath:db/migration/" + migrationFolder;
    }

    /** SQL expression: the UTC calendar day (yyyy-MM-dd) of an epoch-millisecond column. */
    String utcDay(String column) {
        return String.format(utcDayOfTs, column);
    }
}
