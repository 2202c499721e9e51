package dev.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GlobTest {
    @Test
    void matchesLikeAShell() {
        assertThat(Glob.matches("gpt-*", "gpt-4o")).isTrue();
        assertThat(Glob.matches("gpt-*", "claude")).isFalse();
        assertThat(Glob.matches("openai/*", "openai/gpt-4/turbo")).isTrue();
        assertThat(Glob.matches("a?c", "abc")).isTrue();
        assertThat(Glob.matches("a?c", "ac")).isFalse();
        assertThat(Glob.matches("*-mini", "gpt-4o-mini")).isTrue();
        assertThat(Glob.matches("*", "")).isTrue();
        assertThat(Glob.matches("exact", "exact")).isTrue();
        assertThat(Glob.matches("exact", "exactly")).isFalse();
    }
}
