package dev.switchboard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What every section binder needs: the environment for interpolation, the problem list, and the
 * resolver for base URL checks. One instance per load; nothing here outlives it.
 */
final class Binding {
    final Map<String, String> env;
    final Problems problems;
    final BaseUrlPolicy.Resolver resolver;

    Binding(Map<String, String> env, Problems problems, BaseUrlPolicy.Resolver resolver) {
        this.env = env;
        this.problems = problems;
        this.resolver = resolver;
    }

    void problem(String path, int line, String message) {
        problems.add(path, line, message);
    }

    /** A scalar after interpolation; {@code interpolated} says whether any variable went into it. */
    record Text(String value, boolean interpolated, String path, int line) {}

    /**
     * The interpolated text of a scalar, or null (problem reported) when the node is not a scalar or a
     * variable is missing. A YAML null is returned as null without a problem: callers treat it as absent.
     */
    Text text(YamlNode node, String path) {
        if (node instanceof YamlNode.Scalar s) {
            if (s.isNull()) {
                return null;
            }
            EnvInterpolator.Result r = EnvInterpolator.interpolate(s.text(), env);
            for (String p : r.problems()) {
                problem(path, s.line(), p);
            }
            return r.ok() ? new Text(r.value(), r.substituted(), path, s.line()) : null;
        }
        problem(path, node.line(), "expected a single value, got " + node.kind());
        return null;
    }

    /** The fields of a mapping, with unknown ones reported; null (problem reported) if not a mapping. */
    Fields fields(YamlNode node, String path, int line, String... known) {
        if (node instanceof YamlNode.Mapping m) {
            return new Fields(this, m, path, line, known);
        }
        problem(path, line, "expected a mapping (key: value), got " + node.kind());
        return null;
    }

    /** One element of a list, with its path. */
    record Item(YamlNode node, String path) {}

    /**
     * The elements of a list; a single scalar is accepted as a list of one where {@code scalarOk} (people
     * write {@code models: gpt-4o}). Null (problem reported) for anything else.
     */
    List<Item> items(YamlNode node, String path, boolean scalarOk) {
        List<Item> out = new ArrayList<>();
        if (node instanceof YamlNode.Sequence seq) {
            for (int i = 0; i < seq.items().size(); i++) {
                out.add(new Item(seq.items().get(i), ConfigPath.index(path, i)));
            }
            return out;
        }
        if (scalarOk && node instanceof YamlNode.Scalar) {
            out.add(new Item(node, path));
            return out;
        }
        problem(path, node.line(), "expected a list, got " + node.kind());
        return null;
    }
}
