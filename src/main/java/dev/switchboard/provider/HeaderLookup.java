package dev.switchboard.provider;

/** Case-insensitive access to upstream response headers without copying them. */
@FunctionalInterface
public interface HeaderLookup {
    /** @return the first value, or null */
    String get(String name);
}
