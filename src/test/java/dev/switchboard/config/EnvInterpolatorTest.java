package dev.switchboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvInterpolatorTest {
    private static final Map<String, String> ENV = Map.of("HOST", "example.com", "PORT", "443", "EMPTY", "",
            "SECRET", "sk-live-0123456789abcdef", "TRICKY", "${HOST}");

    private static EnvInterpolator.Result run(String text) {
        return EnvInterpolator.interpolate(text, ENV);
    }

    @Test
    void textWithoutVariablesIsUnchanged() {
        EnvInterpolator.Result r = run("https://api.openai.com/v1 costs $5");
        assertThat(r.ok()).isTrue();
        assertThat(r.value()).isEqualTo("https://api.openai.com/v1 costs $5");
        assertThat(r.substituted()).isFalse();
    }

    @Test
    void replacesAVariable() {
        EnvInterpolator.Result r = run("${SECRET}");
        assertThat(r.value()).isEqualTo("sk-live-0123456789abcdef");
        assertThat(r.substituted()).isTrue();
    }

    @Test
    void replacesSeveralVariablesInOneString() {
        assertThat(run("https://${HOST}:${PORT}/v1/${HOST}").value()).isEqualTo("https://example.com:443/v1/example.com");
    }

    @Test
    void defaultIsUsedWhenUnsetOrEmptyButNotWhenSet() {
        assertThat(run("${NOPE:-fallback}").value()).isEqualTo("fallback");
        assertThat(run("${EMPTY:-fallback}").value()).isEqualTo("fallback");
        assertThat(run("${HOST:-fallback}").value()).isEqualTo("example.com");
        assertThat(run("${NOPE:-}").value()).isEmpty();
        assertThat(run("${NOPE:-}").ok()).isTrue();
        assertThat(run("x${NOPE:-a:b-c}y").value()).isEqualTo("xa:b-cy");
    }

    @Test
    void setButEmptyWithoutDefaultIsEmptyNotAProblem() {
        EnvInterpolator.Result r = run("${EMPTY}");
        assertThat(r.ok()).isTrue();
        assertThat(r.value()).isEmpty();
        assertThat(r.substituted()).isTrue();
    }

    @Test
    void missingVariableWithoutDefaultNamesTheVariable() {
        EnvInterpolator.Result r = run("Bearer ${MISSING_KEY} and ${ALSO_MISSING}");
        assertThat(r.ok()).isFalse();
        assertThat(r.problems()).containsExactly(
                "environment variable MISSING_KEY is not set and has no default",
                "environment variable ALSO_MISSING is not set and has no default");
    }

    @Test
    void doubleDollarEscapesALiteralPlaceholder() {
        EnvInterpolator.Result r = run("$${HOST} is ${HOST}");
        assertThat(r.ok()).isTrue();
        assertThat(r.value()).isEqualTo("${HOST} is example.com");
        assertThat(run("price: $$5").value()).isEqualTo("price: $$5");
    }

    @Test
    void substitutedValuesAreNotInterpolatedAgain() {
        assertThat(run("${TRICKY}").value()).isEqualTo("${HOST}");
    }

    @Test
    void malformedPlaceholdersAreProblems() {
        assertThat(run("${HOST").problems()).singleElement().asString().contains("unterminated");
        assertThat(run("${1BAD}").problems()).singleElement().asString().contains("invalid environment variable name '1BAD'");
        assertThat(run("${}").problems()).singleElement().asString().contains("invalid environment variable name ''");
        assertThat(run("${A:-${B}}").problems()).singleElement().asString().contains("nested");
    }

    @Test
    void problemsNeverContainValues() {
        EnvInterpolator.Result r = run("${SECRET} ${MISSING}");
        assertThat(String.join("\n", r.problems())).doesNotContain("sk-live");
    }
}
