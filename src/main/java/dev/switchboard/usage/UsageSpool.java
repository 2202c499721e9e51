package dev.switchboard.usage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The append-only local file that holds usage records the database could not take yet: one JSON line
 * per record. Appends are whole lines under a lock; {@link #append} with {@code sync} forces them to
 * disk before returning. {@link #replay} hands the lines back in batches and remembers how far the
 * database acknowledged them; once everything is acknowledged and nothing new came in, the file is
 * emptied.
 *
 * <p>A process killed mid-append can leave a torn last line. Opening the file ends such a tail with a
 * newline, so the fragment stays a line of its own that replay counts as corrupt and skips, and the
 * next append cannot glue onto it. The file itself (its lock, which keeps two processes from sharing a
 * spool, and its channel, which an interrupt must not close for good) is {@link SpoolChannel}'s.
 */
final class UsageSpool implements AutoCloseable {
    /** Takes one replayed batch; throws when the database did not take it. */
    @FunctionalInterface
    interface BatchSink {
        void accept(List<UsageRecord> batch) throws Exception;
    }

    /** What one replay pass did; {@code failure} is why the sink stopped it part way, or null. */
    record Replay(int replayed, int corrupt, Exception failure) {
        boolean complete() {
            return failure == null;
        }
    }

    private final Path file;
    private final ChannelOpener opener;
    private final SpoolChannel channel;
    /*
     * Positions are logical: they count every byte ever appended since this object opened the file and
     * never go back, so that a writer holding the end of a line it journaled can acknowledge it after
     * the file was emptied or compacted underneath. The file's byte 0 is logical position {@code base}.
     */
    /** Logical position up to which the database has acknowledged the lines. */
    private long acknowledged;
    /**
     * The logical end, kept here because only this object changes the file (appends, truncation,
     * compaction, all under the monitor): asking the OS on every append is a syscall on the request's thread.
     */
    private long end;
    private long base;

    UsageSpool(Path file) throws IOException {
        this(file, ChannelOpener.FILES);
    }

    UsageSpool(Path file, ChannelOpener opener) throws IOException {
        this.file = file;
        this.opener = opener;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.channel = new SpoolChannel(file, opener);
        try {
            this.end = channel.run(FileChannel::size);
            healTornTail();
        } catch (IOException | RuntimeException e) {
            try (channel) {
                throw e;
            }
        }
    }

    private synchronized void healTornTail() throws IOException {
        if (end == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.run(ch -> ch.read(last.clear(), end - 1));
        if (last.get(0) != '\n') {
            write(ByteBuffer.wrap(new byte[] {'\n'}));
            sync();
        }
    }

    /**
     * Appends one encoded line (ending in a newline) and returns the logical position after it; the
     * caller may later {@link #acknowledge} through it.
     */
    synchronized long appendLine(byte[] line) throws IOException {
        write(ByteBuffer.wrap(line));
        return end;
    }

    /** The database has every line that ends at or before {@code through}. */
    void acknowledge(long through) {
        advance(through);
    }

    /** The logical end now. */
    synchronized long end() {
        return end;
    }

    /** Appends records as whole lines; with {@code sync}, they are on disk when this returns. */
    void append(List<UsageRecord> records, boolean sync) throws IOException {
        StringBuilder lines = new StringBuilder(records.size() * 512);
        for (UsageRecord r : records) {
            lines.append(SpoolCodec.encode(r)).append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        synchronized (this) {
            write(bytes);
        }
        if (sync) {
            sync();
        }
    }

    /**
     * Forces appended lines to disk. Not under the monitor: an fsync can take milliseconds, and
     * appends from request threads must not wait for it.
     */
    void sync() throws IOException {
        channel.run(ch -> {
            ch.force(false);
            return null;
        });
    }

    /** Writes {@code buf} at the end, under the monitor; on failure the end stays where it was. */
    private void write(ByteBuffer buf) throws IOException {
        end = base + channel.append(buf, end - base);
    }

    /** Bytes waiting to be replayed. */
    synchronized long pendingBytes() throws IOException {
        return end - acknowledged;
    }

    /**
     * Hands every waiting line to {@code sink} in batches of up to {@code batchSize}, in file order. A
     * failing batch ends the pass; it and the lines after it are offered again by the next pass (the
     * database ignores request ids it already has, so a batch that did commit is not counted twice).
     */
    Replay replay(int batchSize, BatchSink sink) throws IOException {
        return replay(batchSize, sink, Long.MAX_VALUE);
    }

    /** As {@link #replay(int, BatchSink)}, for the lines that end at or before logical {@code upTo} only. */
    Replay replay(int batchSize, BatchSink sink, long upTo) throws IOException {
        long start;
        long until;
        long fileStart;
        synchronized (this) {
            start = acknowledged;
            until = Math.min(upTo, end);
            fileStart = base;
        }
        Replay r = new SpoolReplay(channel, batchSize, sink, this::advance).run(fileStart, start, until);
        if (r.complete()) {
            trim();
        }
        return r;
    }

    private synchronized void advance(long through) {
        acknowledged = Math.max(acknowledged, through);
    }

    /**
     * Truncates the file once the database has everything in it. Not synced: should the truncation be
     * lost (a power cut), the lines come back and are replayed into a database that ignores request ids
     * it already has, while an fsync per flush would cost a disk flush twice a second under write-ahead.
     */
    void trim() throws IOException {
        synchronized (this) {
            if (acknowledged == base || acknowledged != end) {
                return;
            }
            channel.run(ch -> ch.truncate(0));
            base = end;
        }
    }

    /**
     * Drops the acknowledged head of the file once it is at least {@code minBytes}: the rest is copied to
     * a new file that atomically replaces the spool ({@link SpoolCopy}). Keeps a spool that never runs
     * empty (write-ahead mode under steady load) from growing without bound. A crash before the swap
     * leaves the old file, whose acknowledged head is replayed again and ignored by the database.
     * Called only by the writer thread, never during {@link #replay}.
     */
    void compact(long minBytes) throws IOException {
        channel.run(ch -> {
            copyTailAndSwap(ch, minBytes);
            return null;
        });
    }

    private void copyTailAndSwap(FileChannel old, long minBytes) throws IOException {
        long from;
        long upto;
        long fileStart;
        synchronized (this) {
            if (acknowledged - base < minBytes || acknowledged == base) {
                return;
            }
            from = acknowledged;
            upto = end;
            fileStart = base;
        }
        FileChannel replaced;
        // The bulk is copied while request threads keep appending to the old file ...
        try (SpoolCopy copy = SpoolCopy.start(file, opener, old, from - fileStart, upto - fileStart)) {
            // ... and only what they appended meanwhile is copied under the monitor, before the swap.
            synchronized (this) {
                FileChannel copied = copy.replaceSpool(old, upto - base, end - base, end - from);
                replaced = channel.swap(copied);
                base = from; // the logical end stays: the new file holds exactly the bytes from `from` on
            }
        }
        SpoolCopy.closeQuietly(replaced);
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        try (channel) {
            sync();
        }
    }
}
