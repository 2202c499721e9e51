package dev.switchboard.usage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool file, held open and exclusively, and kept usable across interrupts. A FileChannel closes
 * itself for good when the thread using it is interrupted, before or during a call: one request thread
 * interrupted while it submits, or the writer's thread interrupted while it replays, would otherwise
 * fail every later spool write, and every later record would be lost until a restart.
 *
 * <p>{@link #run} sets the caller's interrupt aside for the call and sets it again after. When the call
 * finds the channel closed (an interrupt arrived during it, or during an earlier call), the file is
 * opened again by its path and the call retried once, with the interrupt that closed it set aside as
 * well. A call that fails part way may have changed the file part way, so a call must be safe to repeat
 * on the new channel; {@link #append} is. Only {@link #close} closes the spool for good.
 */
final class SpoolChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolChannel.class);

    @FunctionalInterface
    interface Call<T> {
        T apply(FileChannel channel) throws IOException;
    }

    private final Path file;
    private final ChannelOpener opener;
    /** Holds the lock that keeps other processes out; closing it releases the lock. */
    private final FileChannel lockChannel;
    private volatile FileChannel channel;
    /** The channel the last append went through whole: no fragment of a failed one follows the end. */
    private FileChannel appended; // guarded by this
    private boolean closed; // guarded by this

    /** Locks the spool {@code file} (or fails: another process has it) and opens it. */
    SpoolChannel(Path file, ChannelOpener opener) throws IOException {
        this.file = file;
        this.opener = opener;
        this.lockChannel = lock(file);
        try {
            this.channel = open(opener, file);
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
    }

    /** A channel on {@code file} as the spool uses one: read, positional writes, created when missing. */
    static FileChannel open(ChannelOpener opener, Path file) throws IOException {
        return opener.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    /** A channel holding the exclusive lock, on a sidecar file so that compaction can replace the spool itself. */
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

    /** Runs {@code call} on the channel, the caller's interrupt set aside; once more on a reopened one if it was closed. */
    <T> T run(Call<T> call) throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            FileChannel ch = channel;
            try {
                return call.apply(ch);
            } catch (ClosedChannelException e) {
                interrupted |= Thread.interrupted();
                FileChannel again;
                try {
                    again = reopened(ch);
                } catch (IOException reopenFailed) {
                    reopenFailed.addSuppressed(e);
                    throw reopenFailed;
                }
                if (again == null) {
                    throw e;
                }
                return call.apply(again);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The channel to retry on after {@code failed} was found closed: a new one on the file, or the one
     * another thread opened meanwhile; null when the spool is closed for good or the channel that closed
     * was not the spool's (a compaction's copy).
     */
    private synchronized FileChannel reopened(FileChannel failed) throws IOException {
        if (closed || (channel == failed && failed.isOpen())) {
            return null;
        }
        if (channel == failed) {
            channel = open(opener, file);
            LOG.debug("usage spool {}: reopened after an interrupt closed its channel", file);
        }
        return channel;
    }

    /**
     * Writes {@code buf} where the file ends, {@code fileEnd} as the caller counts it, and returns where
     * it ends now; the caller keeps other appends out meanwhile. A failed append can leave part of its
     * bytes (an interrupt, a full disk): they are cut off before the next append on that file, which
     * would otherwise glue onto them into one unreadable line. A file shorter than {@code fileEnd} was
     * cut by someone else: appends go on after what is there.
     */
    synchronized long append(ByteBuffer buf, long fileEnd) throws IOException {
        int from = buf.position();
        return run(ch -> {
            long pos = fileEnd;
            if (ch != appended) {
                long size = ch.size();
                if (size > fileEnd) {
                    ch.truncate(fileEnd);
                }
                pos = Math.min(size, fileEnd);
            }
            appended = null;
            try {
                while (buf.hasRemaining()) {
                    pos += ch.write(buf, pos);
                }
            } catch (IOException | RuntimeException e) {
                buf.position(from); // for the retry
                throw e;
            }
            appended = ch;
            return pos;
        });
    }

    /** Compaction: {@code next}, on the file that has just replaced the spool's, is the spool's channel now. */
    synchronized FileChannel swap(FileChannel next) throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
        FileChannel old = channel;
        channel = next;
        return old;
    }

    /** Closes the file and releases the lock: the spool is another process's to take. */
    @Override
    public synchronized void close() throws IOException {
        closed = true;
        try (lockChannel) {
            channel.close();
        }
    }
}
