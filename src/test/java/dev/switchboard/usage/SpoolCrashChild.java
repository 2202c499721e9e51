package dev.switchboard.usage;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Run in a child JVM by {@link UsageWriterCrashTest}: a writer whose database is down spools records
 * as fast as it can and prints how many are spooled, until the parent kills it with SIGKILL.
 */
public final class SpoolCrashChild {
    private SpoolCrashChild() {}

    public static void main(String[] args) throws Exception {
        WriterSettings settings = new WriterSettings(200, 50, Duration.ofMillis(2), Duration.ofHours(1),
                Path.of(args[0]));
        UsageWriter writer = UsageWriter.start(batch -> {
            throw new IllegalStateException("database down");
        }, settings, Clock.systemUTC());
        for (long i = 0; ; i++) {
            writer.submit(UsageSpoolTest.record("crash-" + i));
            if (i % 100 == 0) {
                System.out.println("spooled " + writer.stats().spooled());
                System.out.flush();
            }
        }
    }
}
