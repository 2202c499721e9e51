package dev.switchboard.usage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Values keyed by model id, found by exact id, else by the longest matching pattern: an entry the id
 * starts with followed by {@code -}, {@code @} or {@code :}, or a glob ({@code *} = any run of characters).
 */
final class ModelPatterns<V> {
    private record Entry<V>(String key, Pattern glob, V value) {
        boolean matches(String id) {
            if (glob != null) {
                return glob.matcher(id).matches();
            }
            return id.length() > key.length() && id.startsWith(key) && "-@:".indexOf(id.charAt(key.length())) >= 0;
        }

        /** Longer patterns are more specific; a glob counts only its literal characters. */
        int specificity() {
            return glob == null ? key.length() : key.replace("*", "").length();
        }
    }

    private final Map<String, V> exact;
    private final List<Entry<V>> patterns = new ArrayList<>();

    ModelPatterns(Map<String, V> byModel) {
        this.exact = new java.util.HashMap<>();
        for (Map.Entry<String, V> e : byModel.entrySet()) {
            String key = e.getKey().strip().toLowerCase(Locale.ROOT);
            if (key.contains("*")) {
                patterns.add(new Entry<>(key, glob(key), e.getValue()));
            } else {
                exact.put(key, e.getValue());
                patterns.add(new Entry<>(key, null, e.getValue()));
            }
        }
        patterns.sort(Comparator.comparingInt((Entry<V> p) -> p.specificity()).reversed());
    }

    private static Pattern glob(String key) {
        StringBuilder re = new StringBuilder();
        for (String part : key.split("\\*", -1)) {
            if (!re.isEmpty()) {
                re.append(".*");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }

    Optional<V> find(String id) {
        V v = exact.get(id);
        if (v != null) {
            return Optional.of(v);
        }
        for (Entry<V> p : patterns) {
            if (p.matches(id)) {
                return Optional.of(p.value());
            }
        }
        return Optional.empty();
    }
}
