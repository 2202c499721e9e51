package dev.switchboard.server.admin;

import java.util.regex.Pattern;

/** Checks shared by JSON fields, query parameters and path ids. */
final class Inputs {
    static final int MAX_NAME = 200;
    /**
     * Ids this API makes ({@code prj_…}, {@code key_…}) and request ids: the gateway's own (32 hex digits), or
     * a client's own on records stored before the gateway made its own for every request.
     */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    /** Words that may be quoted back in an error: field names as documented, nothing that could be a secret. */
    private static final Pattern ECHOABLE = Pattern.compile("[a-z][a-z_]{0,39}");

    private Inputs() {}

    /** Stripped text of 1..max characters without control characters (line breaks, escapes, NUL). */
    static String text(String value, int max, String param) {
        String s = value.strip();
        if (s.isEmpty() || s.length() > max) {
            throw AdminProblem.invalid("'" + param + "' must be 1.." + max + " characters", param);
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.isISOControl(s.charAt(i))) {
                throw AdminProblem.invalid("'" + param + "' must not contain control characters", param);
            }
        }
        return s;
    }

    /** Whether a path id has the shape of one (other text cannot name a row, and is not quoted back). */
    static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** The name itself when it is a plain lower-case word, else a placeholder: errors never quote arbitrary input. */
    static String echoable(String name) {
        return ECHOABLE.matcher(name).matches() ? name : "(unrecognised name)";
    }
}
