package dev.switchboard.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import org.junit.jupiter.api.Test;

class StreamWatchTest {
    private final StreamWatch watch = new StreamWatch();

    @Test
    void theLatestUsageCountsAndAFinishCompletesTheAnswer() {
        watch.see(new StreamEvent.Start("id", "m", 0, new Usage(12, 0, 0, 0, 0, false)));
        watch.see(new StreamEvent.TextDelta(0, "hello"));
        assertThat(watch.usage().input()).isEqualTo(12);
        assertThat(watch.terminated()).isFalse();

        watch.see(new StreamEvent.Finish(StopReason.END_TURN, null, new Usage(12, 7, 0, 0, 0, false)));
        assertThat(watch.usage().output()).isEqualTo(7);
        assertThat(watch.finished()).isTrue();
        assertThat(watch.terminated()).isTrue();
        assertThat(watch.countOutput(String::length)).isEqualTo("hello".length());
    }

    @Test
    void anErrorEndsTheAnswerWithoutCompletingIt() {
        watch.see(new StreamEvent.ThinkingDelta(0, "hmm"));
        watch.see(new StreamEvent.Error(ErrorKind.OVERLOADED, "busy", Usage.NONE));
        assertThat(watch.terminated()).isTrue();
        assertThat(watch.finished()).isFalse();
        assertThat(watch.usage()).isEqualTo(Usage.NONE);
        assertThat(watch.countOutput(String::length)).isEqualTo(3);
    }
}
