package dev.switchboard.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyMaskTest {
    @Test
    void showsOnlyTheLastFourOfARealisticKey() {
        assertThat(KeyMask.mask("sk-ant-api03-abcdefghijklmnop-WXYZ")).isEqualTo("****WXYZ");
    }

    @Test
    void showsNothingOfAShortKey() {
        assertThat(KeyMask.mask("abcd")).isEqualTo("****");
        assertThat(KeyMask.mask("12345678901")).isEqualTo("****");
        assertThat(KeyMask.mask("123456789012")).isEqualTo("****9012");
        assertThat(KeyMask.mask("")).isEqualTo("****");
        assertThat(KeyMask.mask(null)).isNull();
    }
}
