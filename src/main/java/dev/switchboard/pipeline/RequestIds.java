package dev.switchboard.pipeline;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes the gateway's own request ids, and tells whether a client's {@code X-Request-ID} is sane enough to
 * keep. The gateway's id, never the client's, keys the usage record: a client that repeats its id (a retry,
 * a fixed header, or on purpose) must not have its later records dropped as duplicates.
 *
 * <p>An id is 32 lowercase hex digits: 12 of the clock's epoch milliseconds, then 20 random ones (80 bits,
 * so ids made in the same millisecond, on any instance, do not collide). Ids therefore sort by time, and
 * the unique index on them grows at its right edge: a batch of records touches a few index pages instead
 * of one random page each.
 */
public final class RequestIds {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int TIME_DIGITS = 12;
    private static final int RANDOM_DIGITS = 20;

    private final Clock clock;

    public RequestIds(Clock clock) {
        this.clock = clock;
    }

    /** A new id, later-sorting than every id made at an earlier millisecond. */
    public String create() {
        char[] out = new char[TIME_DIGITS + RANDOM_DIGITS];
        hex(out, 0, clock.millis(), TIME_DIGITS);
        ThreadLocalRandom r = ThreadLocalRandom.current();
        hex(out, TIME_DIGITS, r.nextLong(), 16);
        hex(out, TIME_DIGITS + 16, r.nextLong(), RANDOM_DIGITS - 16);
        return new String(out);
    }

    /** The low {@code digits} hex digits of {@code value}, most significant first. */
    private static void hex(char[] out, int at, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = HEX[(int) value & 0xF];
            value >>>= 4;
        }
    }

    /** The client's {@code X-Request-ID} when it is sane, else null. */
    public static String clientOffered(String offered) {
        return offered != null && isSafe(offered) ? offered : null;
    }

    /** Printable ASCII without spaces or quotes, at most 128 chars: safe in logs and headers. */
    private static boolean isSafe(String s) {
        if (s.isEmpty() || s.length() > 128) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c > '~' || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
