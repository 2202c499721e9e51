package dev.switchboard.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Typed access to the fields of one YAML mapping. Fields not in the known list are reported at once,
 * with a suggestion when one is close: a typo such as {@code tiemouts} must never be silently ignored.
 *
 * <p>Every getter returns null/empty both for an absent field and for a bad value; bad values are
 * reported with path and line, so callers only pick a default or skip.
 */
final class Fields {
    /** Plain decimals only: no sign, exponent, hex or "NaN", which {@code Double.parseDouble} would take. */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("\\d{1,9}(\\.\\d{1,9})?|\\.\\d{1,9}");

    private final Binding b;
    private final YamlNode.Mapping node;
    private final String path;
    private final int line;

    /** @param line the line of the key that owns this mapping; problems about missing fields point there */
    Fields(Binding b, YamlNode.Mapping node, String path, int line, String... known) {
        this.b = b;
        this.node = node;
        this.path = path;
        this.line = line;
        List<String> knownList = List.of(known);
        for (YamlNode.Entry e : node.entries().values()) {
            if (!knownList.contains(e.key())) {
                String where = path.isEmpty() ? "at the top level" : "under " + path;
                String hint = closest(e.key(), knownList).map(k -> " (did you mean '" + k + "'?)").orElse("");
                b.problem(ConfigPath.child(path, e.key()), e.keyLine(),
                        "unknown field '" + e.key() + "' " + where + hint);
            }
        }
    }

    String path() {
        return path;
    }

    String path(String key) {
        return ConfigPath.child(path, key);
    }

    int line() {
        return line;
    }

    boolean has(String key) {
        return entry(key) != null;
    }

    /** Whether the key appears in the file at all, even with an empty value. */
    boolean written(String key) {
        return node.entries().containsKey(key);
    }

    /** The entry, or null when absent or written as YAML null. */
    YamlNode.Entry entry(String key) {
        YamlNode.Entry e = node.entries().get(key);
        return e == null || YamlNode.isNull(e.value()) ? null : e;
    }

    /** Line of the key, for problems about its value as a whole; the mapping's line when absent. */
    int lineOf(String key) {
        YamlNode.Entry e = node.entries().get(key);
        return e == null ? line : e.keyLine();
    }

    Binding.Text text(String key) {
        YamlNode.Entry e = entry(key);
        return e == null ? null : b.text(e.value(), path(key));
    }

    String string(String key) {
        Binding.Text t = text(key);
        return t == null ? null : t.value();
    }

    /** A value converted by {@code parse}, whose IllegalArgumentException message becomes the problem. */
    <T> T parsed(String key, Function<String, T> parse) {
        Binding.Text t = text(key);
        if (t == null) {
            return null;
        }
        try {
            return parse.apply(t.value());
        } catch (IllegalArgumentException ex) {
            b.problem(t.path(), t.line(), ex.getMessage());
            return null;
        }
    }

    Duration duration(String key, boolean positive) {
        Duration d = parsed(key, DurationParser::parse);
        if (d != null && positive && d.isZero()) {
            b.problem(path(key), lineOf(key), "must be longer than 0");
            return null;
        }
        return d;
    }

    /** A byte size in [1, max]. */
    Long size(String key, long max) {
        Long v = parsed(key, SizeParser::parse);
        if (v != null && (v < 1 || v > max)) {
            b.problem(path(key), lineOf(key), "must be between 1B and " + SizeParser.format(max));
            return null;
        }
        return v;
    }

    Integer integer(String key, int min, int max) {
        return parsed(key, s -> {
            try {
                int v = Integer.parseInt(s.strip());
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException ignored) {
                // falls through to the message below
            }
            throw new IllegalArgumentException("must be a whole number from " + min + " to " + max);
        });
    }

    /** A decimal number in [min, max], or (min, max] when {@code minExclusive}. */
    Double number(String key, double min, boolean minExclusive, double max) {
        return parsed(key, s -> {
            String t = s.strip();
            if (PLAIN_DECIMAL.matcher(t).matches()) {
                double v = Double.parseDouble(t);
                if ((minExclusive ? v > min : v >= min) && v <= max) {
                    return v;
                }
            }
            throw new IllegalArgumentException("must be a number " + (minExclusive
                    ? "greater than " + plain(min) + " and at most " + plain(max)
                    : "from " + plain(min) + " to " + plain(max)));
        });
    }

    /**
     * A non-negative decimal kept exact (money: {@code 0.15}, {@code 50}); at most 9 digits before the
     * point and 9 after, so that it fits every counter and column it ends up in.
     */
    BigDecimal decimal(String key) {
        return parsed(key, s -> {
            String t = s.strip();
            if (PLAIN_DECIMAL.matcher(t).matches()) {
                return new BigDecimal(t);
            }
            throw new IllegalArgumentException("must be a number of dollars, 0 or more (e.g. 50 or 0.15)");
        });
    }

    /** 0.5 → "0.5", 1.0 → "1". */
    static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    Boolean bool(String key) {
        return parsed(key, s -> switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            // YAML 1.1's yes/no/on/off are refused: they read as strings in some parsers and booleans in others.
            default -> throw new IllegalArgumentException("must be true or false");
        });
    }

    <E extends Enum<E>> E choice(String key, Class<E> type) {
        return parsed(key, s -> EnumNames.parse(type, s.strip())
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown value '" + s + "'; expected " + EnumNames.choices(type))));
    }

    /** A list of non-empty strings (a single string counts as a list of one); null when absent or bad. */
    List<String> strings(String key) {
        YamlNode.Entry e = entry(key);
        if (e == null) {
            return null;
        }
        List<Binding.Item> items = b.items(e.value(), path(key), true);
        if (items == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Binding.Item item : items) {
            Binding.Text t = YamlNode.isNull(item.node()) ? null : b.text(item.node(), item.path());
            if (t == null) {
                if (YamlNode.isNull(item.node())) {
                    b.problem(item.path(), item.node().line(), "empty entry");
                }
                continue;
            }
            if (t.value().isBlank()) {
                b.problem(item.path(), t.line(), t.interpolated() ? "empty after interpolation" : "empty entry");
                continue;
            }
            out.add(t.value().strip());
        }
        return out;
    }

    /** Suggests a known field within edit distance 2 (one typo, or one swapped pair). */
    private static Optional<String> closest(String key, List<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(key.toLowerCase(Locale.ROOT), k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance: Levenshtein plus adjacent transposition. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
