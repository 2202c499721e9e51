package dev.switchboard.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The YAML document as a tiny tree that remembers the line of every node. Jackson's own tree drops
 * locations, and every problem we report must name a line.
 */
sealed interface YamlNode {
    int line();

    /** What the node is, for "expected a list, got a mapping" messages. */
    String kind();

    /** A scalar; {@code text} is null for YAML null ({@code ~}, {@code null} or an empty value). */
    record Scalar(String text, int line) implements YamlNode {
        boolean isNull() {
            return text == null;
        }

        @Override
        public String kind() {
            return isNull() ? "null" : "a scalar";
        }
    }

    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String kind() {
            return "a list";
        }
    }

    /** A mapping in file order; each entry keeps the line of its key. */
    record Mapping(Map<String, Entry> entries, int line) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String kind() {
            return "a mapping";
        }
    }

    record Entry(String key, int keyLine, YamlNode value) {}

    static boolean isNull(YamlNode node) {
        return node == null || (node instanceof Scalar s && s.isNull());
    }
}
