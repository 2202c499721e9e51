package dev.switchboard.model;

/**
 * Token counts of one answered request. {@code estimated} is true when the provider gave no numbers
 * and they were counted locally.
 */
public record Usage(long input, long output, long cacheRead, long cacheWrite, long reasoning, boolean estimated) {
    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, false);

    public long total() {
        return input + output;
    }
}
