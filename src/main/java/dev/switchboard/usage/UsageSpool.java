package dev.switchboard.usage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final FileChannel channel;
    private final FileLock lock;
    /** Bytes from the start of the file that the database has acknowledged. */
    private long acknowledged;

    UsageSpool(Path file) throws IOException {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            l = null; // this JVM holds it already
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (l == null) {
            channel.close();
            throw new IllegalStateException("usage spool " + file + " is in use by another process; give each "
                    + "gateway instance its own data directory");
        }
        this.lock = l;
        healTornTail();
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

    /** Appends records as whole lines; with {@code sync}, they are on disk when this returns. */
    synchronized void append(List<UsageRecord> records, boolean sync) throws IOException {
        StringBuilder lines = new StringBuilder(records.size() * 512);
        for (UsageRecord r : records) {
            lines.append(SpoolCodec.encode(r)).append('\n');
        }
        write(ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8)));
        if (sync) {
            channel.force(false);
        }
    }

    synchronized void sync() throws IOException {
        channel.force(false);
    }

    private void write(ByteBuffer buf) throws IOException {
        long pos = channel.size();
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
    }

    /** Bytes waiting to be replayed. */
    synchronized long pendingBytes() throws IOException {
        return channel.size() - acknowledged;
    }

    /**
     * Hands every waiting line to {@code sink} in batches of up to {@code batchSize}, in file order. A
     * failing batch ends the pass; it and the lines after it are offered again by the next pass (the
     * database ignores request ids it already has, so a batch that did commit is not counted twice).
     */
    Replay replay(int batchSize, BatchSink sink) throws IOException {
        long start;
        long end;
        synchronized (this) {
            start = acknowledged;
            end = channel.size();
        }
        int replayed = 0;
        int corrupt = 0;
        List<UsageRecord> batch = new ArrayList<>(batchSize);
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        long pos = start;
        while (pos < end) {
            buf.clear().limit((int) Math.min(CHUNK, end - pos));
            int n = channel.read(buf, pos);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                byte b = buf.get(i);
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
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
            pos += n;
        }
        if (!batch.isEmpty()) {
            Exception failure = deliver(batch, sink, pos);
            if (failure != null) {
                return new Replay(replayed, corrupt, failure);
            }
            replayed += batch.size();
        }
        emptyIfDone();
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

    private synchronized void emptyIfDone() throws IOException {
        if (acknowledged > 0 && acknowledged == channel.size()) {
            channel.truncate(0);
            channel.force(false);
            acknowledged = 0;
        }
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            channel.force(false);
            lock.release();
        } finally {
            channel.close();
        }
    }
}
