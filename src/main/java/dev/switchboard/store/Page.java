package dev.switchboard.store;

/** Offset paging with a bounded page size, so no listing can ask the database for everything. */
public record Page(int limit, long offset) {
    public static final int MAX_LIMIT = 1000;
    public static final Page FIRST = new Page(100, 0);

    public Page {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("page limit must be 1.." + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("page offset must not be negative");
        }
    }

    public static Page of(int limit) {
        return new Page(limit, 0);
    }

    public Page next() {
        return new Page(limit, offset + limit);
    }
}
