package dev.switchboard.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes: a plain integer (bytes) or a whole number with a unit. {@code KiB/MiB/GiB} are powers of
 * 1024; {@code KB/MB/GB} are powers of 1000, as the SI prefixes say. Units are case-insensitive
 * ({@code 32mib} works) because nobody should lose a reload to capitalisation.
 */
public final class SizeParser {
    private static final Pattern FORM = Pattern.compile("(\\d{1,15})\\s*([A-Za-z]*)");

    private SizeParser() {}

    /** @throws IllegalArgumentException for anything else, or a size that does not fit in a long */
    public static long parse(String text) {
        String s = text == null ? "" : text.strip();
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw invalid(s);
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "", "b" -> 1L;
            case "kib" -> 1L << 10;
            case "mib" -> 1L << 20;
            case "gib" -> 1L << 30;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            default -> throw invalid(s);
        };
        try {
            return Math.multiplyExact(n, unit);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("size '" + s + "' is too large");
        }
    }

    /** A readable exact spelling that {@link #parse} reads back: {@code 32MiB}, {@code 1500B}. */
    public static String format(long bytes) {
        if (bytes != 0 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "GiB";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "MiB";
        }
        if (bytes != 0 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + "KiB";
        }
        return bytes + "B";
    }

    private static IllegalArgumentException invalid(String s) {
        return new IllegalArgumentException("invalid size '" + s
                + "': use bytes or a whole number with B, KiB, MiB, GiB, KB, MB or GB (e.g. 32MiB)");
    }
}
