package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationParserTest {
    @ParameterizedTest
    @CsvSource({"250ms,250", "5s,5000", "10m,600000", "1h,3600000", "30,30000", "0,0", "0ms,0", " 7s ,7000", "5 s,5000"})
    void parsesUnitsAndBareSeconds(String text, long millis) {
        assertThat(DurationParser.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-5s", "1.5s", "5d", "1m30s", "s", "5S", "99999999h", "ms5"})
    void refusesEverythingElseWithAHelpfulMessage(String text) {
        assertThatThrownBy(() -> DurationParser.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("(invalid duration|duration) '.*'.*");
    }

    @ParameterizedTest
    @CsvSource({"250ms,250ms", "5s,5s", "90s,90s", "120s,2m", "30m,30m", "3600,1h", "1500ms,1500ms"})
    void formatIsShortAndReadsBack(String text, String formatted) {
        Duration d = DurationParser.parse(text);
        assertThat(DurationParser.format(d)).isEqualTo(formatted);
        assertThat(DurationParser.parse(DurationParser.format(d))).isEqualTo(d);
    }
}
