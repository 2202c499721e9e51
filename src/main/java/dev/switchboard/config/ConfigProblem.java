package dev.switchboard.config;

/**
 * One thing wrong with a configuration file.
 *
 * @param path    where in the document, e.g. {@code providers.claude.keys[1]}; empty for the whole file
 * @param line    1-based line in the file, or 0 when no line applies (e.g. the file could not be read)
 * @param message what is wrong; never contains a secret or an environment variable's value
 */
public record ConfigProblem(String path, int line, String message) {
    public ConfigProblem {
        path = path == null ? "" : path;
    }

    /** {@code providers.claude.keys[1] (line 12): empty after interpolation}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(path.isEmpty() ? "<file>" : path);
        if (line > 0) {
            sb.append(" (line ").append(line).append(')');
        }
        return sb.append(": ").append(message).toString();
    }
}
