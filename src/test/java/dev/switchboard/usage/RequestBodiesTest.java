package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestBodiesTest {
    @Test
    void redactsSecretFieldsBearerTokensAndKeyShapes() {
        String body = "{\"model\":\"gpt-4o\",\"api_key\":\"abc\\\"def\",\"Authorization\":\"Bearer xyz\","
                + "\"messages\":[{\"content\":\"my key is sk-proj-ABCDEFGHIJKLMNOPQRST and AIzaSyA1234567890abcdefghijklmnopqrstu\"}],"
                + "\"note\":\"Bearer abcdefghijkl0123\"}";
        String r = RequestBodies.redact(body);
        assertThat(r).doesNotContain("abc\\\"def", "xyz", "sk-proj-ABCDEFGHIJKLMNOPQRST", "AIzaSyA1234567890",
                "abcdefghijkl0123");
        assertThat(r).contains("\"model\":\"gpt-4o\"", "\"api_key\":\"[redacted]\"", "Bearer [redacted]");
    }

    @Test
    void capsAfterRedactingSoACutNeverLeaksPartOfASecret() {
        String secret = "sk-" + "A".repeat(40);
        String body = "x".repeat(95) + secret;
        RequestBodies b = RequestBodies.capture(body, "short", 100);
        assertThat(b.request()).hasSize(100).doesNotContain("AAAA");
        assertThat(b.response()).isEqualTo("short");
        assertThat(b.truncated()).isTrue();

        RequestBodies small = RequestBodies.capture("{}", null, 100);
        assertThat(small).isEqualTo(new RequestBodies("{}", null, false));
    }

    @Test
    void neverSplitsASurrogatePair() {
        String body = "a".repeat(9) + "😀" + "b";
        RequestBodies b = RequestBodies.capture(body, null, 10);
        assertThat(b.request()).isEqualTo("a".repeat(9));
        assertThat(b.truncated()).isTrue();
    }
}
