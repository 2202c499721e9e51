package dev.switchboard.config;

import java.util.List;

/**
 * The file could not be turned into a {@link GatewayConfig}. Checked on purpose: a caller reloading
 * the file must decide what happens to the running snapshot (keep it and report), not crash.
 */
public final class ConfigException extends Exception {
    private final String source;
    private final List<ConfigProblem> problems;

    public ConfigException(String source, List<ConfigProblem> problems) {
        super(render(source, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** The file name (or other label) the problems refer to. */
    public String source() {
        return source;
    }

    /** Every problem found, in file order; never empty. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(String source, List<ConfigProblem> problems) {
        StringBuilder sb = new StringBuilder()
                .append(source)
                .append(": ")
                .append(problems.size())
                .append(problems.size() == 1 ? " problem" : " problems");
        for (ConfigProblem p : problems) {
            sb.append('\n').append(p);
        }
        return sb.toString();
    }
}
