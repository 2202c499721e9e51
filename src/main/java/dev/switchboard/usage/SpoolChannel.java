package dev.switchboard.usage;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spool file's channel, kept usable across interrupts. A FileChannel closes itself for good when
 * the thread using it is interrupted, before or during a call: one request thread interrupted while it
 * submits, or the writer's thread interrupted while it replays, would otherwise fail every later spool
 * write, and every later record would be lost until a restart.
 *
 * <p>{@link #run} sets the caller's interrupt aside for the call and sets it again after. When the call
 * finds the channel closed (an interrupt arrived during it, or during an earlier call), the file is
 * opened again by its path and the call retried once, with the interrupt that closed it set aside as
 * well. A call that fails part way may have changed the file part way: the call itself must be safe to
 * repeat on the new channel. Only {@link #close} closes the spool for good.
 */
final class SpoolChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolChannel.class);

    @FunctionalInterface
    interface Call<T> {
        T apply(FileChannel channel) throws IOException;
    }

    private final Path file;
    private final ChannelOpener opener;
    private volatile FileChannel channel;
    private boolean closed; // guarded by this

    SpoolChannel(Path file, ChannelOpener opener) throws IOException {
        this.file = file;
        this.opener = opener;
        this.channel = open(opener, file);
    }

    /** A channel on {@code file} as the spool uses one: read, positional writes, created when missing. */
    static FileChannel open(ChannelOpener opener, Path file) throws IOException {
        return opener.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
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

    /** Compaction: {@code next}, on the file that has just replaced the spool's, is the spool's channel now. */
    synchronized FileChannel swap(FileChannel next) throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
        FileChannel old = channel;
        channel = next;
        return old;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        channel.close();
    }
}
