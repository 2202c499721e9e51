package dev.switchboard.server;

import dev.switchboard.provider.Chunk;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** An upstream chunk still in Vert.x's buffer, so that relaying it to the client copies nothing. */
record BufferChunk(Buffer buffer) implements Chunk {
    @Override
    public int length() {
        return buffer.length();
    }

    @Override
    public byte[] bytes() {
        return buffer.getBytes();
    }

    @Override
    public String latin1() {
        return buffer.toString(StandardCharsets.ISO_8859_1);
    }
}
