package dev.switchboard.usage;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Run in a child JVM by {@link UsageWriterCrashTest}: a writer whose database is down takes records
 * as fast as it can and prints how many it has spooled, or with {@code write-ahead} how many
 * {@code submit} calls have returned, until the parent kills it with SIGKILL.
 */
public final class SpoolCrashChild {
    private SpoolCrashChild() {}

    public static void main(String[] args) throws Exception {
        boolean writeAhead = args.length > 1 && args[1].equals("write-ahead");
        WriterSettings settings = new WriterSettings(200, 50, Duration.ofMillis(2), Duration.ofHours(1),
                Path.of(args[0]), writeAhead);
        UsageWriter writer = UsageWriter.start(batch -> {
            throw new IllegalStateException("database down");
        }, settings, Clock.systemUTC());
        for (long i = 0; ; i++) {
            writer.submit(UsageSpoolTest.record("crash-" + i));
            if (i % 100 == 0) {
                System.out.println("safe " + (writeAhead ? i + 1 : writer.stats().spooled()));
                System.out.flush();
            }
        }
    }
}
