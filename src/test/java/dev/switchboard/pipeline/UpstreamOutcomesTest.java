package dev.switchboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.pipeline.UpstreamOutcomes.Verdict;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UpstreamOutcomesTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keyProblemsAreTheKeysOnlyWhenAKeyWasUsed() {
        assertThat(UpstreamOutcomes.verdict(401, true, b("{}"))).isEqualTo(Verdict.KEY_REJECTED);
        assertThat(UpstreamOutcomes.verdict(403, true, b("{}"))).isEqualTo(Verdict.KEY_REJECTED);
        assertThat(UpstreamOutcomes.verdict(401, false, b("{}"))).isEqualTo(Verdict.CLIENT_ERROR);
        assertThat(UpstreamOutcomes.verdict(429, true, b("{\"error\":{\"type\":\"rate_limit_error\"}}")))
                .isEqualTo(Verdict.KEY_RATE_LIMITED);
        assertThat(UpstreamOutcomes.verdict(429, false, b("{}"))).isEqualTo(Verdict.PROVIDER_FAILING);
    }

    @Test
    void spentQuotaRestsTheKeyLonger() {
        assertThat(UpstreamOutcomes.verdict(429, true, b("{\"error\":{\"code\":\"insufficient_quota\","
                + "\"message\":\"You exceeded your current quota\"}}"))).isEqualTo(Verdict.KEY_EXHAUSTED);
    }

    @Test
    void serverErrorsAreTheProvidersAndOtherClientErrorsTheRequests() {
        for (int s : new int[] {408, 500, 502, 503, 504, 529}) {
            assertThat(UpstreamOutcomes.verdict(s, true, b(""))).as("status %d", s).isEqualTo(Verdict.PROVIDER_FAILING);
        }
        for (int s : new int[] {400, 404, 413, 422}) {
            assertThat(UpstreamOutcomes.verdict(s, true, b(""))).as("status %d", s).isEqualTo(Verdict.CLIENT_ERROR);
        }
    }
}
