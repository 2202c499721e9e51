package dev.switchboard.usage;

import java.util.regex.Pattern;

/**
 * Request and response bodies kept for the request log: secrets redacted, then capped. Build them
 * with {@link #capture} only when body logging is on for the key or project.
 *
 * @param truncated true when the cap cut off part of either body
 */
public record RequestBodies(String request, String response, boolean truncated) {
    private static final String REDACTED = "[redacted]";
    private static final Pattern SECRET_FIELDS = Pattern.compile(
            "(\"(?:api[_-]?key|x-api-key|x-goog-api-key|authorization|password|secret|client[_-]?secret|"
                    + "access[_-]?token|refresh[_-]?token|token)\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\")",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}");
    private static final Pattern KEY_LIKE = Pattern.compile(
            "\\b(?:sk-[A-Za-z0-9_-]{12,}|AIza[0-9A-Za-z_-]{30,}|xox[abpr]-[A-Za-z0-9-]{10,})");

    /** Redacts secrets in both bodies, then cuts each to at most {@code capChars} characters. */
    public static RequestBodies capture(String request, String response, int capChars) {
        Capped req = cap(request, capChars);
        Capped resp = cap(response, capChars);
        return new RequestBodies(req.text, resp.text, req.truncated || resp.truncated);
    }

    private record Capped(String text, boolean truncated) {}

    private static Capped cap(String body, int capChars) {
        if (body == null) {
            return new Capped(null, false);
        }
        // Redact a little past the cap so a secret straddling it is still recognised, then cut.
        String head = body.length() > capChars + 512 ? body.substring(0, capChars + 512) : body;
        String redacted = redact(head);
        if (redacted.length() <= capChars && head.length() == body.length()) {
            return new Capped(redacted, false);
        }
        int end = Math.min(capChars, redacted.length());
        if (end > 0 && Character.isHighSurrogate(redacted.charAt(end - 1))) {
            end--;
        }
        return new Capped(redacted.substring(0, end), end < redacted.length() || head.length() < body.length());
    }

    /** Secrets in JSON fields named like keys/tokens/passwords, bearer tokens, and well-known key shapes. */
    static String redact(String text) {
        String s = SECRET_FIELDS.matcher(text).replaceAll("$1" + REDACTED + "$2");
        s = BEARER.matcher(s).replaceAll("$1" + REDACTED);
        return KEY_LIKE.matcher(s).replaceAll(REDACTED);
    }
}
