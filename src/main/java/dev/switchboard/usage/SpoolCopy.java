package dev.switchboard.usage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A compaction's copy of the spool file: the part still to be replayed, copied into a sibling file that
 * then atomically replaces the spool. The copy's channel, opened before the move, becomes the spool's:
 * nothing is opened after the move, since a spool that failed to reopen the moved file would go on
 * appending to the replaced one, which is gone from the directory, and every line appended there would
 * be lost at the next start. A copy closed before it replaced the spool is deleted; the spool stays.
 */
final class SpoolCopy implements AutoCloseable {
    private final Path spool;
    private final Path tmp;
    private final FileChannel out;
    private boolean moved;

    private SpoolCopy(Path spool, Path tmp, FileChannel out) {
        this.spool = spool;
        this.tmp = tmp;
        this.out = out;
    }

    /**
     * Copies {@code source}'s bytes from {@code offset} to {@code upto} into a new sibling of the spool
     * file and forces them to disk; this is the bulk, copied while request threads go on appending.
     */
    static SpoolCopy start(Path spool, ChannelOpener opener, FileChannel source, long offset, long upto)
            throws IOException {
        Path tmp = spool.resolveSibling(spool.getFileName() + ".tmp");
        SpoolCopy copy = new SpoolCopy(spool, tmp, SpoolChannel.open(opener, tmp));
        try {
            copy.out.truncate(0); // a copy left by a compaction that failed
            transfer(source, offset, upto, copy.out);
            copy.out.force(false);
            return copy;
        } catch (IOException | RuntimeException e) {
            copy.close();
            throw e;
        }
    }

    /**
     * Copies what was appended since {@link #start} ({@code source}'s bytes from {@code upto} to {@code end};
     * the caller keeps appends out meanwhile), checks that the copy is {@code size} bytes, and moves it
     * over the spool file. Returns the copy's channel: the spool's from now on.
     */
    FileChannel replaceSpool(FileChannel source, long upto, long end, long size) throws IOException {
        transfer(source, upto, end, out);
        if (out.size() != size) {
            throw new IOException("usage spool compaction copied " + out.size() + " bytes, not " + size);
        }
        Files.move(tmp, spool, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        moved = true;
        return out;
    }

    private static void transfer(FileChannel in, long from, long to, FileChannel out) throws IOException {
        long pos = from;
        while (pos < to) {
            long n = in.transferTo(pos, to - pos, out);
            if (n <= 0) {
                throw new IOException("usage spool ends at " + pos + ", before " + to); // else this loop never ends
            }
            pos += n;
        }
    }

    /** Deletes the copy unless it replaced the spool. */
    @Override
    public void close() {
        if (moved) {
            return;
        }
        closeQuietly(out);
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // a stale copy is truncated by the next compaction
        }
    }

    static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing was written through it that is not in the file
        }
    }
}
