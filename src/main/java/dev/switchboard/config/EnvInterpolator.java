package dev.switchboard.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a scalar with values from the environment;
 * <code>$${</code> stands for a literal <code>${</code>.
 *
 * <p>Interpolation runs on parsed scalars, not on the file text, so an environment value can never
 * change the document's structure (a value containing {@code "\n  admin_key: x"} stays one string).
 * Substituted values are not scanned again: a secret that happens to contain <code>${</code> is kept as is.
 *
 * <p>Problems name the variable but never a value, because values are usually secrets.
 */
public final class EnvInterpolator {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvInterpolator() {}

    /**
     * @param value        the interpolated text; meaningful only when {@code problems} is empty
     * @param substituted  whether any {@code ${...}} was replaced, so callers can say "empty after interpolation"
     * @param problems     messages without path, e.g. "environment variable X is not set and has no default"
     */
    public record Result(String value, boolean substituted, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public static Result interpolate(String text, Map<String, String> env) {
        if (text.indexOf('$') < 0) {
            return new Result(text, false, List.of()); // the common case: nothing to do
        }
        StringBuilder out = new StringBuilder(text.length());
        List<String> problems = new ArrayList<>();
        boolean substituted = false;
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
                continue;
            }
            if (!text.startsWith("${", i)) {
                out.append(text.charAt(i++));
                continue;
            }
            int close = text.indexOf('}', i + 2);
            if (close < 0) {
                problems.add("unterminated '${' (missing '}'); write '$${' for a literal '${'");
                break;
            }
            String body = text.substring(i + 2, close);
            i = close + 1;
            if (body.contains("${")) {
                problems.add("nested '${' inside '${...}' is not supported");
                continue;
            }
            int sep = body.indexOf(":-");
            String name = sep < 0 ? body : body.substring(0, sep);
            String fallback = sep < 0 ? null : body.substring(sep + 2);
            if (!NAME.matcher(name).matches()) {
                problems.add("invalid environment variable name '" + name + "' in '${...}'");
                continue;
            }
            String value = env.get(name);
            // Shell semantics of ':-': the default also replaces a variable that is set but empty.
            if ((value == null || value.isEmpty()) && fallback != null) {
                value = fallback;
            }
            if (value == null) {
                problems.add("environment variable " + name + " is not set and has no default");
                continue;
            }
            out.append(value);
            substituted = true;
        }
        return new Result(out.toString(), substituted, problems);
    }
}
