package dev.switchboard.cli;

import com.fasterxml.jackson.databind.JsonNode;

/** What the admin commands share: failures to stderr with exit code 1, JSON fields as table cells. */
final class Cli {
    private Cli() {}

    interface Action {
        void run();
    }

    static int run(Action action) {
        try {
            action.run();
            return 0;
        } catch (CliException e) {
            System.err.println("switchboard: " + e.getMessage());
            return 1;
        }
    }

    /** The field as text, or null when absent or JSON null. */
    static String text(JsonNode o, String field) {
        JsonNode v = o.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
