package dev.switchboard.usage;

import dev.switchboard.store.Store;
import dev.switchboard.store.UsageFilter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * What write-ahead costs per record, measured (a program, not a test): records are submitted at a fixed
 * rate from one thread, as an event loop would, into a writer on a real SQLite store, once with records
 * waiting in memory and once with write-ahead, and once more into a sink that stores nothing (what the
 * pacing loop itself costs). Prints per-mode submit latency (p50, p99, p99.9, max) and the process CPU
 * time per record (submit plus the writer thread's encode, spool, replay and insert).
 *
 * <pre>{@code java -cp target/classes:target/test-classes:<deps> dev.switchboard.usage.WriteAheadCost [rate] [seconds]}</pre>
 */
public final class WriteAheadCost {
    private WriteAheadCost() {}

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        run(false, true, rate, 2); // warm-up of every code path, results discarded
        run(true, true, rate, 2);
        run(false, false, rate, 2);
        for (int round = 0; round < 2; round++) {
            System.out.println(run(false, false, rate, seconds));
            System.out.println(run(false, true, rate, seconds));
            System.out.println(run(true, true, rate, seconds));
        }
    }

    private static String run(boolean writeAhead, boolean store, int rate, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("wa-cost-");
        int n = rate * seconds;
        long[] lat = new long[n];
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long stored;
        long cpu;
        try (Store db = Store.open("sqlite:" + dir.resolve("sb.db"))) {
            db.migrate();
            WriterSettings settings = WriterSettings.defaults(dir.resolve("spool.jsonl")).withWriteAhead(writeAhead);
            long cpu0 = os.getProcessCpuTime();
            UsageSink sink = store ? new StoreUsageSink(db.usage()) : batch -> { };
            try (UsageWriter w = UsageWriter.start(sink, settings, Clock.systemUTC())) {
                long interval = 1_000_000_000L / rate;
                long next = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    next += interval;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    UsageRecord r = UsageSpoolTest.record((writeAhead ? "wa-" : "mem-") + i);
                    long t0 = System.nanoTime();
                    w.submit(r);
                    lat[i] = System.nanoTime() - t0;
                }
            }
            cpu = os.getProcessCpuTime() - cpu0;
            stored = db.usage().totals(UsageFilter.ALL).requests();
        }
        Arrays.sort(lat);
        return String.format("%-12s %-7s %d records (%d stored) at %d/s: submit p50 %.1f µs, p99 %.1f µs, p99.9 %.1f µs,"
                        + " max %.1f ms; process cpu %.1f µs/record",
                writeAhead ? "write-ahead" : "memory", store ? "sqlite" : "no-op", n, stored, rate, lat[n / 2] / 1e3, lat[(int) (n * 0.99)] / 1e3,
                lat[(int) (n * 0.999)] / 1e3, lat[n - 1] / 1e6, cpu / 1e3 / n);
    }
}
