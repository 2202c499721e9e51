package dev.switchboard.usage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * One replay pass over the spool: reads the lines between two logical positions in chunks, decodes
 * them and hands them to the sink in batches, in file order. Each batch the sink takes is acknowledged
 * through the end of its last line, as are lines that hold no record (blank, or unreadable: counted
 * corrupt and skipped), so that the next pass starts after them. The first batch the sink refuses ends
 * the pass; it and everything after it are left for the next.
 */
final class SpoolReplay {
    private static final int CHUNK = 64 * 1024;

    private final SpoolChannel channel;
    private final int batchSize;
    private final UsageSpool.BatchSink sink;
    private final LongConsumer acknowledge;
    private final List<UsageRecord> batch;
    private int replayed;
    private int corrupt;

    SpoolReplay(SpoolChannel channel, int batchSize, UsageSpool.BatchSink sink, LongConsumer acknowledge) {
        this.channel = channel;
        this.batchSize = batchSize;
        this.sink = sink;
        this.acknowledge = acknowledge;
        this.batch = new ArrayList<>(batchSize);
    }

    /**
     * Replays the whole lines in logical {@code [start, end)}; the file's byte 0 is logical {@code base}.
     * A line that {@code end} cuts is left, unacknowledged, for a later pass.
     */
    UsageSpool.Replay run(long base, long start, long end) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        long pos = start;
        long lastLineEnd = start;
        while (pos < end) {
            int len = (int) Math.min(CHUNK, end - pos);
            long at = pos - base;
            int n = channel.run(ch -> ch.read(buf.clear().limit(len), at));
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
                lastLineEnd = pos + i + 1;
                Exception failure = take(line, lastLineEnd);
                if (failure != null) {
                    return new UsageSpool.Replay(replayed, corrupt, failure);
                }
            }
            line.write(bytes, lineStart, n - lineStart); // a line that goes on in the next chunk
            pos += n;
        }
        Exception failure = batch.isEmpty() ? null : deliver(lastLineEnd);
        return new UsageSpool.Replay(replayed, corrupt, failure);
    }

    /** Decodes the line that ends at logical {@code lineEnd}; null, or why the sink refused a full batch. */
    private Exception take(ByteArrayOutputStream line, long lineEnd) {
        if (line.size() > 0) {
            try {
                batch.add(SpoolCodec.decode(line.toString(StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                corrupt++;
            }
        }
        line.reset();
        if (batch.size() >= batchSize) {
            return deliver(lineEnd);
        }
        if (batch.isEmpty()) {
            acknowledge.accept(lineEnd); // nothing waits before this line: the next pass starts after it
        }
        return null;
    }

    /** Null when the sink took the batch (acknowledged now through {@code through}), else why not. */
    private Exception deliver(long through) {
        try {
            sink.accept(List.copyOf(batch));
        } catch (Exception e) {
            return e;
        }
        acknowledge.accept(through);
        replayed += batch.size();
        batch.clear();
        return null;
    }
}
