package dev.switchboard.resilience;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads the HTTP {@code Retry-After} header (RFC 9110 §10.2.3, formerly RFC 7231 §7.1.3) and OpenAI's
 * {@code retry-after-ms}. Upstream headers are untrusted: anything malformed is "no advice" (empty), never
 * an exception, and absurd values are clamped to {@link #MAX} so later arithmetic cannot overflow. Whether
 * to honour a long wait is the {@link RetryPolicy}'s call, not the parser's.
 */
public final class RetryAfter {
    /** Longest delay any parser here returns; far above any sane cap. */
    public static final Duration MAX = Duration.ofDays(365);

    private RetryAfter() {
    }

    /**
     * @param value delta-seconds ({@code "120"}; a fraction like {@code "1.5"} is tolerated) or an HTTP-date
     *     ({@code "Wed, 21 Oct 2015 07:28:00 GMT"}); a date in the past means "now" (zero)
     * @return the wait from {@code clock}'s now, or empty when absent or unreadable
     */
    public static Optional<Duration> parse(String value, Clock clock) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.isEmpty() || v.length() > 64) {
            return Optional.empty();
        }
        if (Character.isDigit(v.charAt(0))) {
            return parseDecimal(v, 1000);
        }
        try {
            // RFC_1123_DATE_TIME reads IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") and is a little lenient
            // (single-digit day, numeric offset), which costs nothing and helps with sloppy servers.
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(until(at, clock));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** OpenAI's {@code retry-after-ms}: milliseconds, possibly fractional. */
    public static Optional<Duration> parseMillis(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        return v.isEmpty() || v.length() > 64 ? Optional.empty() : parseDecimal(v, 1);
    }

    /** The time from now until {@code at}: zero if it has passed, at most {@link #MAX}. */
    static Duration until(Instant at, Clock clock) {
        Instant now = clock.instant();
        if (!at.isAfter(now)) {
            return Duration.ZERO;
        }
        Duration d = Duration.between(now, at);
        return d.compareTo(MAX) > 0 ? MAX : d;
    }

    /** Whole millis, rounded up, at most {@link #MAX}. */
    static Duration ceilMillis(BigDecimal millis) {
        BigDecimal max = BigDecimal.valueOf(MAX.toMillis());
        return millis.compareTo(max) >= 0 ? MAX : Duration.ofMillis(millis.setScale(0, RoundingMode.CEILING).longValueExact());
    }

    /** Non-negative decimal number × {@code millisPerUnit}, rounded up to whole millis, clamped to MAX. */
    private static Optional<Duration> parseDecimal(String v, long millisPerUnit) {
        int dot = -1;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '.' && dot < 0 && i > 0 && i < v.length() - 1) {
                dot = i;
            } else if (c < '0' || c > '9') {
                return Optional.empty();
            }
        }
        // Exact decimal arithmetic: 1.1 s must be 1100 ms, not ceil(1100.0000000000002).
        BigDecimal millis = new BigDecimal(v).multiply(BigDecimal.valueOf(millisPerUnit));
        return Optional.of(ceilMillis(millis));
    }
}
