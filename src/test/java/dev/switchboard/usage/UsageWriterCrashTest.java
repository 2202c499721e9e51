package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.store.Store;
import dev.switchboard.store.UsageFilter;
import dev.switchboard.testkit.TestStores;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code kill -9} of a process that is spooling: every record it reported spooled is replayed
 * after restart, a line torn by the kill is skipped, and nothing is stored twice.
 */
class UsageWriterCrashTest {
    @TempDir
    Path dir;

    @Test
    void everyRecordSpooledBeforeSigkillIsReplayed() throws Exception {
        crashAndRecover("memory");
    }

    @Test
    void withWriteAheadEverySubmittedRecordSurvivesSigkill() throws Exception {
        crashAndRecover("write-ahead");
    }

    /** Kills a child that reported N records safe (spooled, or submitted with write-ahead); all N must be replayed. */
    private void crashAndRecover(String mode) throws Exception {
        Path spool = dir.resolve("usage.jsonl");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SpoolCrashChild.class.getName(), spool.toString(), mode).redirectErrorStream(false).start();
        long reported = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (reported < 2000 && (line = out.readLine()) != null) {
                if (line.startsWith("safe ")) {
                    reported = Long.parseLong(line.substring("safe ".length()));
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(reported).as("the child spooled before it was killed").isGreaterThanOrEqualTo(2000);

        try (TestStores db = TestStores.sqlite(); Store store = Store.open(db.url())) {
            store.migrate();
            WriterSettings settings = new WriterSettings(1000, 500, Duration.ofHours(1), Duration.ofHours(1), spool);
            try (UsageWriter w = UsageWriter.start(new StoreUsageSink(store.usage()), settings, Clock.systemUTC())) {
                w.flush();
                long stored = store.usage().totals(UsageFilter.ALL).requests();
                assertThat(stored).isGreaterThanOrEqualTo(reported);
                assertThat(w.stats().replayed()).isEqualTo(stored);
                assertThat(w.stats().corrupt()).isLessThanOrEqualTo(1);
                assertThat(w.stats().spoolBytes()).isZero();
            }
        }
    }
}
