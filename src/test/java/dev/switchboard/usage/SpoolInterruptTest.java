package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An interrupt that arrives while the spool writes closes its FileChannel; every later record would be
 * lost until a restart. {@link InterruptingChannel} makes the interrupt arrive mid-write, deterministically.
 */
class SpoolInterruptTest {
    @TempDir
    Path dir;

    private final AtomicInteger interruptedWrites = new AtomicInteger();

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private UsageSpool spool() throws Exception {
        return new UsageSpool(dir.resolve("spool.jsonl"), InterruptingChannel.opener(interruptedWrites));
    }

    private static byte[] line(String id) {
        return SpoolCodec.line(UsageSpoolTest.record(id));
    }

    private static List<String> replayAll(UsageSpool spool) throws Exception {
        List<String> ids = new ArrayList<>();
        UsageSpool.Replay r = spool.replay(100, b -> b.forEach(x -> ids.add(x.requestId())));
        assertThat(r.corrupt()).as("no fragment of an interrupted line is left to glue onto another").isZero();
        return ids;
    }

    @Test
    void aWriteInterruptedPartWayIsRetriedOnAReopenedChannelAndLandsOnce() throws Exception {
        try (UsageSpool spool = spool()) {
            interruptedWrites.set(1);
            spool.appendLine(line("a0"));
            assertThat(Thread.interrupted()).as("the interrupt is set aside, not swallowed").isTrue();
            spool.appendLine(line("a1"));
            spool.append(List.of(UsageSpoolTest.record("a2")), true);
            assertThat(replayAll(spool)).containsExactly("a0", "a1", "a2");
        }
    }

    @Test
    void aWriteInterruptedTwiceFailsButTheNextWriteReopensTheChannel() throws Exception {
        try (UsageSpool spool = spool()) {
            spool.appendLine(line("a0"));
            interruptedWrites.set(2); // the write and its one retry
            assertThatThrownBy(() -> spool.appendLine(line("lost"))).isInstanceOf(ClosedChannelException.class);
            assertThat(Thread.interrupted()).isTrue();
            spool.appendLine(line("a1"));
            assertThat(replayAll(spool)).containsExactly("a0", "a1");
        }
    }
}
