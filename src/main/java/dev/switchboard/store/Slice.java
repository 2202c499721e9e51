package dev.switchboard.store;

import java.util.List;

/** One page of results; {@code more} tells whether a next page has rows. */
public record Slice<T>(List<T> items, boolean more, Page page) {
    public Slice {
        items = List.copyOf(items);
    }

    /** Builds a slice from a query that fetched {@code page.limit() + 1} rows to learn whether more exist. */
    static <T> Slice<T> of(List<T> fetched, Page page) {
        boolean more = fetched.size() > page.limit();
        return new Slice<>(more ? fetched.subList(0, page.limit()) : fetched, more, page);
    }
}
