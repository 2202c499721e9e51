package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void revealsAtMostFourCharactersOfLongSecrets() {
        assertThat(Secrets.mask("sk-sb-demo-0123456789abcdef")).isEqualTo("sk-…cdef");
        assertThat(Secrets.mask("abcdefghijklmnopqrstuvwxyz")).isEqualTo("…wxyz");
        assertThat(Secrets.mask("sk-short-0123456")).isEqualTo("****");
        assertThat(Secrets.mask("")).isEmpty();
    }
}
