package dev.switchboard.usage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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

    private static final int CHUNK = 64 * 1024;

    private final Path file;
    private final ChannelOpener opener;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** Replaced by {@link #compact()}; read without the monitor only by the writer thread's replay. */
    private volatile FileChannel channel;
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
        // The lock lives on a sidecar file so that compaction can replace the spool itself.
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        this.lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = lockChannel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
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
        this.lock = l;
        this.channel = open(file);
        this.end = channel.size();
        healTornTail();
    }

    private FileChannel open(Path file) throws IOException {
        return opener.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    private void healTornTail() throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        if (last.get(0) != '\n') {
            write(ByteBuffer.wrap(new byte[] {'\n'}));
            channel.force(false);
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
        uninterruptibly(() -> {
            channel.force(false);
            return null;
        });
    }

    private void write(ByteBuffer buf) throws IOException {
        uninterruptibly(() -> {
            try {
                while (buf.hasRemaining()) {
                    end += channel.write(buf, end - base);
                }
            } catch (IOException | RuntimeException e) {
                end = base + channel.size(); // a partial write: continue after whatever did land
                throw e;
            }
            return null;
        });
    }

    @FunctionalInterface
    private interface ChannelCall<T> {
        T call() throws IOException;
    }

    /**
     * Runs {@code call} with the calling thread's interrupt status set aside, and sets it again after.
     * A FileChannel used by an interrupted thread closes itself for good: one request thread that
     * submits while interrupted, or a shutdown that closes the writer on an interrupted thread, would
     * otherwise fail every later append and lose its record. An interrupt that arrives while the call
     * runs still closes the channel; nothing here can prevent that.
     */
    private static <T> T uninterruptibly(ChannelCall<T> call) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            return call.call();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
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
        long end;
        long base;
        FileChannel ch;
        synchronized (this) {
            ch = channel;
            start = acknowledged;
            end = Math.min(upTo, this.end);
            base = this.base;
        }
        int replayed = 0;
        int corrupt = 0;
        List<UsageRecord> batch = new ArrayList<>(batchSize);
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        long pos = start;
        while (pos < end) {
            buf.clear().limit((int) Math.min(CHUNK, end - pos));
            long at = pos - base;
            int n = uninterruptibly(() -> ch.read(buf, at));
            if (n <= 0) {
                break;
            }
            byte[] bytes = buf.array();
            int lineStart = 0;
            for (int i = 0; i < n; i++) {
                if (bytes[i] != '\n') {
                    continue;
                }
                line.write(bytes, lineStart, i - lineStart);
                lineStart = i + 1;
                long lineEnd = pos + i + 1;
                if (line.size() > 0) {
                    try {
                        batch.add(SpoolCodec.decode(line.toString(StandardCharsets.UTF_8)));
                    } catch (IllegalArgumentException e) {
                        corrupt++;
                    }
                }
                line.reset();
                if (batch.size() >= batchSize) {
                    Exception failure = deliver(batch, sink, lineEnd);
                    if (failure != null) {
                        return new Replay(replayed, corrupt, failure);
                    }
                    replayed += batch.size();
                    batch.clear();
                } else if (batch.isEmpty()) {
                    advance(lineEnd);
                }
            }
            line.write(bytes, lineStart, n - lineStart); // a line that goes on in the next chunk
            pos += n;
        }
        if (!batch.isEmpty()) {
            Exception failure = deliver(batch, sink, pos);
            if (failure != null) {
                return new Replay(replayed, corrupt, failure);
            }
            replayed += batch.size();
        }
        trim();
        return new Replay(replayed, corrupt, null);
    }

    /** Null when the sink took the batch (and the spool now counts it acknowledged), else why not. */
    private Exception deliver(List<UsageRecord> batch, BatchSink sink, long through) {
        try {
            sink.accept(List.copyOf(batch));
        } catch (Exception e) {
            return e;
        }
        advance(through);
        return null;
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
            uninterruptibly(() -> channel.truncate(0));
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
        uninterruptibly(() -> {
            copyTailAndSwap(minBytes);
            return null;
        });
    }

    private void copyTailAndSwap(long minBytes) throws IOException {
        long from;
        long upto;
        FileChannel old;
        synchronized (this) {
            if (acknowledged - base < minBytes || acknowledged == base) {
                return;
            }
            old = channel;
            from = acknowledged;
            upto = end;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        FileChannel out = null;
        boolean swapped = false;
        try {
            out = opener.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
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
                swapped = true;
                channel = out; // the logical end stays: the new file holds exactly the bytes from `from` on
                base = from;
            }
        } finally {
            if (!swapped) {
                discard(out, tmp);
            }
        }
        closeQuietly(old);
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
        uninterruptibly(() -> {
            try {
                channel.force(false);
                lock.release();
            } finally {
                channel.close();
                lockChannel.close();
            }
            return null;
        });
    }
}
