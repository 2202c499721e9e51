package dev.switchboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import dev.switchboard.format.Codecs;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.provider.Chunk;
import dev.switchboard.usage.TokenEstimator;
import java.time.Clock;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/** When a record's usage is the provider's, when it is estimated, and that an estimate never lowers a reported count. */
class UsageEstimatesTest {
    final Codecs codecs = Codecs.standard(Clock.systemUTC(), new JsonFactory());
    final UsageEstimates estimates = new UsageEstimates(new TokenEstimator(), codecs);
    final Supplier<ChatRequest> noRequest = () -> null;

    /** A relay whose client got {@code outputTokens} tokens' worth of answer. */
    record Sent(long outputTokens) implements Relay {
        @Override
        public boolean onData(Chunk chunk) {
            return true;
        }

        @Override
        public void onEnd() {}

        @Override
        public void onFailure(GatewayError error) {}

        @Override
        public Usage usage() {
            return null;
        }

        @Override
        public long countOutput(ToLongFunction<String> count, Codecs codecs) {
            return outputTokens;
        }
    }

    static Relay sent(long outputTokens) {
        return new Sent(outputTokens);
    }

    @Test
    void aCompleteAnswerKeepsTheProvidersNumbersAsTheyAre() {
        Usage exact = new Usage(11, 7, 3, 0, 2, false);
        assertThat(estimates.fill(exact, false, noRequest, sent(500), "gpt-4.1")).isSameAs(exact);
    }

    @Test
    void anAnswerWithoutNumbersIsCountedAndMarked() {
        Usage u = estimates.fill(null, true, noRequest, sent(42), "gpt-4.1");
        assertThat(u).isEqualTo(new Usage(0, 42, 0, 0, 0, true));
    }

    @Test
    void partialNumbersKeepTheReportedInputAndTakeTheLargerOutput() {
        Usage start = new Usage(11, 1, 3, 2, 0, false); // Anthropic's message_start
        assertThat(estimates.fill(start, true, noRequest, sent(9), "claude-sonnet-4-5"))
                .isEqualTo(new Usage(11, 9, 3, 2, 0, true));
        Usage late = new Usage(11, 50, 0, 0, 0, false); // the estimate would lower it: kept as reported
        assertThat(estimates.fill(late, true, noRequest, sent(9), "claude-sonnet-4-5")).isSameAs(late);
    }

    @Test
    void nothingSentAndNothingToCountBillsNothing() {
        assertThat(estimates.fill(null, true, noRequest, null, "gpt-4.1")).isNull();
    }

    @Test
    void answerTextCountsContentReasoningAndToolArguments() {
        AnswerText text = new AnswerText();
        text.add(new StreamEvent.TextDelta(0, "hello "));
        text.add(new StreamEvent.ThinkingDelta(1, "hmm "));
        text.add(new StreamEvent.ToolArgsDelta(2, "{}"));
        text.add(new StreamEvent.BlockStop(0));
        assertThat(text.count(String::length)).isEqualTo(12);
    }
}
