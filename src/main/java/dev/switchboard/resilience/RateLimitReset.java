package dev.switchboard.resilience;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the providers' "your limit resets in/at" headers, which they send even when they send no
 * Retry-After. Malformed values are empty (no advice), never an exception; values are clamped to
 * {@link RetryAfter#MAX}.
 */
public final class RateLimitReset {
    private RateLimitReset() {
    }

    /**
     * OpenAI's {@code x-ratelimit-reset-requests} / {@code x-ratelimit-reset-tokens}: a Go duration such as
     * {@code "1s"}, {@code "6m0s"}, {@code "20ms"}, {@code "1h2m3.5s"} or {@code "0"}. Rounded up to millis.
     */
    public static Optional<Duration> parseOpenAi(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.isEmpty() || v.length() > 64) {
            return Optional.empty();
        }
        if (v.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        BigDecimal nanos = BigDecimal.ZERO; // exact: "17.123s" is 17123 ms, not 17124
        int i = 0;
        while (i < v.length()) {
            int start = i;
            while (i < v.length() && (Character.isDigit(v.charAt(i)) || v.charAt(i) == '.')) {
                i++;
            }
            if (i == start) {
                return Optional.empty(); // a unit without a number, or a sign
            }
            BigDecimal number;
            try {
                number = new BigDecimal(v.substring(start, i));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
            int unitStart = i;
            while (i < v.length() && !Character.isDigit(v.charAt(i)) && v.charAt(i) != '.') {
                i++;
            }
            long scale = switch (v.substring(unitStart, i)) {
                case "h" -> 3_600_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "s" -> 1_000_000_000L;
                case "ms" -> 1_000_000L;
                case "us", "µs", "μs" -> 1_000L; // Go prints U+00B5; U+03BC is accepted too
                case "ns" -> 1L;
                default -> -1L;
            };
            if (scale < 0) {
                return Optional.empty(); // unknown or missing unit
            }
            nanos = nanos.add(number.multiply(BigDecimal.valueOf(scale)));
        }
        return Optional.of(RetryAfter.ceilMillis(nanos.movePointLeft(6)));
    }

    /**
     * Anthropic's {@code anthropic-ratelimit-*-reset}: an RFC 3339 timestamp such as
     * {@code "2026-01-01T00:00:30Z"}; returns the time from now until then (zero if passed).
     */
    public static Optional<Duration> parseAnthropic(String value, Clock clock) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.isEmpty() || v.length() > 64) {
            return Optional.empty();
        }
        try {
            // RFC 3339 allows lower-case 't'/'z'; ISO_OFFSET_DATE_TIME does not.
            return Optional.of(RetryAfter.until(OffsetDateTime.parse(v.toUpperCase(Locale.ROOT)).toInstant(), clock));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
