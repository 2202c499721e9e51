package dev.switchboard.pipeline;

import dev.switchboard.format.openai.ProbedRequest;
import dev.switchboard.routing.SessionAffinity;

/**
 * The session a request belongs to, for session affinity, from the first of: the {@code X-Session-ID}
 * header, the body's {@code metadata.user_id} or {@code user}, the {@code session_id} query parameter, the
 * {@code session_id} cookie. A blank or over-long value counts as absent and the next source is asked.
 */
final class SessionIds {
    static final String HEADER = "x-session-id";
    static final String PARAM = "session_id";

    private SessionIds() {}

    /** @return the session id, or null when the request names none */
    static String of(ClientExchange client, ProbedRequest probed) {
        String s = usable(client.header(HEADER));
        if (s == null) {
            s = usable(probed.sessionHint());
        }
        if (s == null) {
            s = usable(client.query(PARAM));
        }
        if (s == null) {
            s = usable(client.cookie(PARAM));
        }
        return s;
    }

    private static String usable(String s) {
        if (s == null) {
            return null;
        }
        String v = s.strip();
        return SessionAffinity.acceptable(v) ? v : null;
    }
}
