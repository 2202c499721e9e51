package dev.switchboard.usage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real file channel that lets a test decide when an interrupt arrives in the middle of a positional
 * write: half the buffer lands, then the thread is interrupted and the real channel closes itself and
 * throws {@link java.nio.channels.ClosedByInterruptException}, as a FileChannel does when an interrupt
 * arrives during a write. This channel then counts as closed too.
 */
final class InterruptingChannel extends FileChannel {
    private final FileChannel delegate;
    private final AtomicInteger interruptedWrites;

    private InterruptingChannel(FileChannel delegate, AtomicInteger interruptedWrites) {
        this.delegate = delegate;
        this.interruptedWrites = interruptedWrites;
    }

    /** Opens real channels; while {@code interruptedWrites} is above zero, each write is interrupted and counts it down. */
    static ChannelOpener opener(AtomicInteger interruptedWrites) {
        return (Path file, OpenOption... options) -> new InterruptingChannel(FileChannel.open(file, options),
                interruptedWrites);
    }

    @Override
    public int write(ByteBuffer src, long position) throws IOException {
        if (interruptedWrites.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
            return delegate.write(src, position);
        }
        ByteBuffer half = src.duplicate();
        half.limit(src.position() + src.remaining() / 2);
        int landed = delegate.write(half, position);
        src.position(src.position() + landed);
        Thread.currentThread().interrupt();
        try {
            return landed + delegate.write(src, position + landed);
        } finally {
            if (!delegate.isOpen()) {
                close();
            }
        }
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        return delegate.read(dst, position);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return delegate.read(dst);
    }

    @Override
    public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
        return delegate.read(dsts, offset, length);
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return delegate.write(src);
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return delegate.write(srcs, offset, length);
    }

    @Override
    public long position() throws IOException {
        return delegate.position();
    }

    @Override
    public FileChannel position(long newPosition) throws IOException {
        delegate.position(newPosition);
        return this;
    }

    @Override
    public long size() throws IOException {
        return delegate.size();
    }

    @Override
    public FileChannel truncate(long size) throws IOException {
        delegate.truncate(size);
        return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
        delegate.force(metaData);
    }

    @Override
    public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
        return delegate.transferTo(position, count, target);
    }

    @Override
    public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
        return delegate.transferFrom(src, position, count);
    }

    @Override
    public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
        return delegate.map(mode, position, size);
    }

    @Override
    public FileLock lock(long position, long size, boolean shared) throws IOException {
        return delegate.lock(position, size, shared);
    }

    @Override
    public FileLock tryLock(long position, long size, boolean shared) throws IOException {
        return delegate.tryLock(position, size, shared);
    }

    @Override
    protected void implCloseChannel() throws IOException {
        delegate.close();
    }
}
