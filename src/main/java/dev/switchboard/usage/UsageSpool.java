package dev.switchboard.usage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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
 * next append cannot glue onto it. An exclusive file lock keeps two processes from sharing a spool.
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
    /** Holds the lock that keeps other processes out; closing it releases the lock. */
    private final FileChannel lockChannel;
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
    /**
     * The channel through which the last write went whole, so that the file ends at {@code end}; any
     * other (after a failed write, a reopen or a compaction) is checked, and a failed write's fragment
     * cut off, before the next line is written after it.
     */
    private FileChannel verified;

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
        this.lockChannel = lock(file);
        try {
            this.channel = new SpoolChannel(file, opener);
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        try {
            this.end = channel.run(FileChannel::size);
            healTornTail();
        } catch (IOException | RuntimeException e) {
            try (lockChannel; channel) {
                throw e;
            }
        }
    }

    /**
     * A channel holding the exclusive lock of the spool. It lives on a sidecar file so that compaction
     * can replace the spool itself.
     */
    private static FileChannel lock(Path file) throws IOException {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null; // this JVM holds it already
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
        if (l == null) {
            lockChannel.close();
            throw new IllegalStateException("usage spool " + file + " is in use by another process; give each "
                    + "gateway instance its own data directory");
        }
        return lockChannel;
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

    /**
     * Writes {@code buf} at the end; on failure the end stays where it was. Safe to repeat on a reopened
     * channel (see {@link SpoolChannel#run}): the bytes a failed try left are cut off before the next.
     * Called under the monitor.
     */
    private void write(ByteBuffer buf) throws IOException {
        int from = buf.position();
        channel.run(ch -> {
            if (ch != verified) {
                endTheFileAtTheEnd(ch);
            }
            long pos = end - base;
            try {
                while (buf.hasRemaining()) {
                    pos += ch.write(buf, pos);
                }
            } catch (IOException | RuntimeException e) {
                verified = null; // part of the line may have landed
                buf.position(from);
                throw e;
            }
            end = base + pos;
            return null;
        });
    }

    /**
     * Makes the file end where {@code end} says: bytes after it are what is left of a write that failed
     * (a fragment that the next line would otherwise glue onto). A file shorter than that was cut by
     * someone else: appends go on after what is there.
     */
    private void endTheFileAtTheEnd(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size > end - base) {
            ch.truncate(end - base);
        } else if (size < end - base) {
            end = base + size;
        }
        verified = ch;
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
     * Drops the acknowledged head of the file once it is at least {@code minBytes}: the unacknowledged
     * tail is copied to a new file that atomically replaces the spool. Keeps a spool that never runs
     * empty (write-ahead mode under steady load) from growing without bound. A crash before the swap
     * leaves the old file, whose acknowledged head is replayed again and ignored by the database.
     * Called only by the writer thread, never during {@link #replay}.
     *
     * <p>The copy's own channel becomes the spool's: nothing is opened after the move, since a spool
     * that failed to reopen the moved file would go on appending to the replaced one, which is gone
     * from the directory, and every line appended there would be lost at the next start.
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
        synchronized (this) {
            if (acknowledged - base < minBytes || acknowledged == base) {
                return;
            }
            from = acknowledged;
            upto = end;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        FileChannel out = null;
        FileChannel replaced = null;
        try {
            out = SpoolChannel.open(opener, tmp);
            out.truncate(0); // a copy left by a compaction that failed
            // The bulk is copied while request threads keep appending to the old file ...
            copy(old, from - base, upto - base, out);
            out.force(false);
            // ... and only what they appended meanwhile is copied under the monitor, before the swap.
            synchronized (this) {
                copy(old, upto - base, end - base, out);
                if (out.size() != end - from) {
                    throw new IOException("usage spool compaction copied " + out.size() + " bytes, not "
                            + (end - from));
                }
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                replaced = channel.swap(out);
                base = from; // the logical end stays: the new file holds exactly the bytes from `from` on
            }
        } finally {
            if (replaced == null) {
                discard(out, tmp);
            }
        }
        closeQuietly(replaced);
    }

    /** A compaction that did not swap: its copy goes, the spool stays as it was. */
    private static void discard(FileChannel out, Path tmp) {
        closeQuietly(out);
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // a stale copy is truncated by the next compaction
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch == null) {
            return;
        }
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing was written through it that is not in the file
        }
    }

    private static void copy(FileChannel in, long from, long to, FileChannel out) throws IOException {
        long pos = from;
        while (pos < to) {
            long n = in.transferTo(pos, to - pos, out);
            if (n <= 0) {
                throw new IOException("usage spool ends at " + pos + ", before " + to); // else this loop never ends
            }
            pos += n;
        }
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        try (lockChannel; channel) {
            sync();
        }
    }
}
