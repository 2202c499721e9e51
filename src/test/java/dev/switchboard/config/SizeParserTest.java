package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizeParserTest {
    @ParameterizedTest
    @CsvSource({
        "1024,1024", "10B,10", "64KiB,65536", "32MiB,33554432", "1GiB,1073741824",
        "64KB,64000", "4MB,4000000", "2GB,2000000000", "32mib,33554432", "4 MiB,4194304"
    })
    void parsesBinaryAndDecimalUnits(String text, long bytes) {
        assertThat(SizeParser.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "MiB", "-1", "1.5MiB", "12 parsecs", "10TB", "999999999999999GiB"})
    void refusesBadSizes(String text) {
        assertThatThrownBy(() -> SizeParser.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("size");
    }

    @ParameterizedTest
    @CsvSource({"33554432,32MiB", "65536,64KiB", "1000,1000B", "1073741824,1GiB", "0,0B"})
    void formatsExactly(long bytes, String text) {
        assertThat(SizeParser.format(bytes)).isEqualTo(text);
        assertThat(SizeParser.parse(text)).isEqualTo(bytes);
    }
}
