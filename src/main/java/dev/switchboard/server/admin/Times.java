package dev.switchboard.server.admin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Instants as the admin API accepts them: ISO-8601 ({@code 2025-06-01T00:00:00Z}, with an offset, or a
 * bare date meaning its UTC midnight) or relative to now ({@code 30m}, {@code 24h}, {@code 7d}, {@code 2w}),
 * which points back for a query's {@code since} and forward for a key's {@code expires_at}.
 */
final class Times {
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,6})([smhdw])");
    /** Far enough for any key; far past it, epoch milliseconds would overflow in the store. */
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    private static final Instant EARLIEST = Instant.EPOCH;

    private Times() {}

    enum Direction { PAST, FUTURE }

    static Instant parse(String text, Instant now, Direction relative, String param) {
        String t = text.strip();
        Matcher m = RELATIVE.matcher(t);
        Instant out;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            out = relative == Direction.PAST ? now.minus(d) : now.plus(d);
        } else {
            out = absolute(t, param);
        }
        if (out.isBefore(EARLIEST) || out.isAfter(LATEST)) {
            throw AdminProblem.invalid("'" + param + "' must lie between 1970 and 9999", param);
        }
        return out;
    }

    private static Instant absolute(String t, String param) {
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw AdminProblem.invalid("'" + param + "' must be an ISO-8601 instant (2025-06-01T00:00:00Z), a date "
                    + "(2025-06-01) or relative (30m, 24h, 7d, 2w)", param);
        }
    }
}
