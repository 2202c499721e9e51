package dev.switchboard.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks Jackson's YAML token stream and builds a {@link YamlNode} tree with line numbers. Structural
 * problems (duplicate keys, aliases, several documents, syntax errors) go to {@link Problems}.
 */
final class YamlReader {
    /** A config file is a few kilobytes; anything near this is a mistake or an attack. */
    static final int MAX_CHARS = 1 << 20;

    /** The deepest legitimate path is about six levels; YAML bombs nest far deeper. */
    static final int MAX_DEPTH = 24;

    // One factory per reader instead of a shared static: no static state, and building one is cheap
    // next to reading a file.
    private final YAMLFactory factory = YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH + 8)
                    .maxStringLength(MAX_CHARS)
                    .maxNumberLength(64)
                    .maxNameLength(1024)
                    .build())
            // The builder starts with no parser features; this one makes "key:" (no value) a null
            // rather than "", as the plain YAMLFactory constructor does. Quoted "" stays a string.
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();
    private static final Pattern MARK = Pattern.compile("line (\\d+), column \\d+");

    private final Problems problems;
    private boolean bindable = true;

    YamlReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * Whether the tree read last is worth binding: false after problems that make its content
     * misleading (aliases). Syntax errors leave no tree at all.
     */
    boolean bindable() {
        return bindable;
    }

    /** The root node, or null when the text holds no document (empty or only comments). */
    YamlNode read(String text) {
        if (text.length() > MAX_CHARS) {
            problems.add("", 0, "file is larger than " + MAX_CHARS + " characters");
            return null;
        }
        try (YAMLParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return null;
            }
            YamlNode root = readValue(parser, 0, "");
            if (root != null && parser.nextToken() != null) {
                problems.add("", line(parser), "more than one YAML document; put everything in one");
            }
            return root;
        } catch (JsonProcessingException e) {
            problems.add("", syntaxErrorLine(e), "YAML syntax error: " + syntaxErrorText(e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            // Reading from a String does no I/O; this is here because the parser API declares it.
            problems.add("", 0, "cannot read YAML: " + e.getMessage());
            return null;
        }
    }

    /** Reads the value the parser currently points at; null when reading had to stop. */
    private YamlNode readValue(YAMLParser p, int depth, String path) throws IOException {
        int line = line(p);
        if (depth > MAX_DEPTH) {
            problems.add(path, line, "document nests deeper than " + MAX_DEPTH + " levels");
            return null;
        }
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            return readMapping(p, depth, path, line);
        }
        if (token == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                YamlNode item = readValue(p, depth + 1, ConfigPath.index(path, items.size()));
                if (item == null) {
                    return null;
                }
                items.add(item);
            }
            return new YamlNode.Sequence(items, line);
        }
        if (p.isCurrentAlias()) {
            // Jackson hands aliases over as the anchor's name, which would silently become the value.
            problems.add(path, line, "YAML aliases (*" + p.getText() + ") are not supported; repeat the value");
            bindable = false; // binding would add a second, confusing problem for the same node
            return new YamlNode.Scalar(null, line);
        }
        if (token == JsonToken.VALUE_NULL) {
            return new YamlNode.Scalar(null, line);
        }
        // The scalar's source text, whatever type YAML guessed: binding decides what it means, after
        // interpolation, so "8080" and "${PORT}" go through the same checks.
        return new YamlNode.Scalar(p.getText(), line);
    }

    private YamlNode readMapping(YAMLParser p, int depth, String path, int line) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            int keyLine = line(p);
            p.nextToken();
            YamlNode value = readValue(p, depth + 1, ConfigPath.child(path, key));
            if (value == null) {
                return null;
            }
            if (entries.containsKey(key)) {
                problems.add(ConfigPath.child(path, key), keyLine, "duplicate key '" + key + "' (first on line "
                        + entries.get(key).keyLine() + ")");
                continue;
            }
            entries.put(key, new YamlNode.Entry(key, keyLine, value));
        }
        return new YamlNode.Mapping(entries, line);
    }

    private static int line(YAMLParser p) {
        return lineOf(p.currentTokenLocation());
    }

    private static int lineOf(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? 0 : location.getLineNr();
    }

    /**
     * The YAML parser's message names the line of the problem last ("in 'reader', line 3, column 1");
     * that is where the user must look, and it is often later than Jackson's own location.
     */
    private static int syntaxErrorLine(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message != null) {
            Matcher m = MARK.matcher(message);
            int line = 0;
            while (m.find()) {
                line = Integer.parseInt(m.group(1));
            }
            if (line > 0) {
                return line;
            }
        }
        return lineOf(e.getLocation());
    }

    /**
     * Keeps the explanation lines ("while parsing a flow sequence", "expected ',' or ']'") and drops the
     * mark lines and the quoted snippets of the file, which may hold a literal secret.
     */
    private static String syntaxErrorText(String message) {
        if (message == null || message.isBlank()) {
            return "unreadable YAML";
        }
        List<String> kept = new ArrayList<>();
        for (String line : message.split("\n")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                kept.add(line.strip());
            }
        }
        String text = kept.isEmpty() ? "unreadable YAML" : String.join("; ", kept);
        return text.length() > 240 ? text.substring(0, 240) + "…" : text;
    }
}
