package dev.switchboard.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in config files: {@code 250ms}, {@code 5s}, {@code 10m}, {@code 1h},
 * or a bare integer meaning seconds. One whole number and one unit, nothing else: {@code 1.5s} or
 * {@code 1m30s} are refused rather than guessed at.
 */
public final class DurationParser {
    private static final Pattern FORM = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h)?");

    /**
     * Upper bound, so that consumers doing nanosecond arithmetic ({@code toNanos} overflows after 292
     * years) never overflow, and a slip such as {@code 99999999h} is caught here.
     */
    static final Duration MAX = Duration.ofDays(365);

    private DurationParser() {}

    /** @throws IllegalArgumentException with a message that says what is accepted */
    public static Duration parse(String text) {
        String s = text == null ? "" : text.strip();
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid duration '" + s
                    + "': use a whole number with ms, s, m or h (e.g. 250ms, 5s, 10m, 1h), or plain seconds");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("duration '" + s + "' is longer than " + format(MAX));
        }
        return d;
    }

    /** The shortest exact spelling that {@link #parse} reads back: {@code 90s}, {@code 30m}, {@code 250ms}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 3_600_000 == 0 && ms != 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms != 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
