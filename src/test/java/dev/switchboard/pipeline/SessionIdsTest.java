package dev.switchboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.format.openai.ProbedRequest;
import dev.switchboard.provider.Chunk;
import dev.switchboard.routing.SessionAffinity;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionIdsTest {
    /** Only the request side matters here. */
    private static final class Request implements ClientExchange {
        final Map<String, String> headers = new HashMap<>();
        final Map<String, String> query = new HashMap<>();
        final Map<String, String> cookies = new HashMap<>();

        @Override public String header(String name) { return headers.get(name); }
        @Override public String query(String name) { return query.get(name); }
        @Override public String path() { return "/v1/chat/completions"; }
        @Override public void onContext(Runnable action) { action.run(); }
        @Override public String cookie(String name) { return cookies.get(name); }
        @Override public void respond(int status, Map<String, String> h, byte[] body) {}
        @Override public void begin(int status, Map<String, String> h, long contentLength) {}
        @Override public boolean write(Chunk chunk) { return true; }
        @Override public void onDrain(Runnable action) {}
        @Override public void end() {}
        @Override public void abort() {}
        @Override public void onClose(Runnable action) {}
    }

    private static ProbedRequest body(String user, String metadataUserId) {
        return new ProbedRequest("m", 0, 0, false, ProbedRequest.StreamOptions.ABSENT, user, metadataUserId);
    }

    @Test
    void sourcesAreAskedInOrderHeaderBodyQueryCookie() {
        Request r = new Request();
        r.headers.put("x-session-id", "from-header");
        r.query.put("session_id", "from-query");
        r.cookies.put("session_id", "from-cookie");
        assertThat(SessionIds.of(r, body("u", "meta"))).isEqualTo("from-header");

        r.headers.clear();
        assertThat(SessionIds.of(r, body("u", "meta"))).isEqualTo("meta");
        assertThat(SessionIds.of(r, body("u", null))).isEqualTo("u");
        assertThat(SessionIds.of(r, body(null, null))).isEqualTo("from-query");
        r.query.clear();
        assertThat(SessionIds.of(r, body(null, null))).isEqualTo("from-cookie");
        r.cookies.clear();
        assertThat(SessionIds.of(r, body(null, null))).isNull();
    }

    @Test
    void blankOrOverlongValuesFallThroughToTheNextSource() {
        Request r = new Request();
        r.headers.put("x-session-id", "   ");
        r.query.put("session_id", "x".repeat(SessionAffinity.MAX_SESSION_LENGTH + 1));
        r.cookies.put("session_id", " c1 ");
        assertThat(SessionIds.of(r, body("", null))).isEqualTo("c1");
    }
}
