package dev.switchboard.server;

import dev.switchboard.provider.Chunk;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
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

    /** Vert.x copies what it reads into a heap buffer, so a parser reads that array in place. */
    @Override
    public void readTo(Reader reader) {
        ByteBuf b = ((BufferInternal) buffer).getByteBuf();
        if (b.hasArray()) {
            reader.read(b.array(), b.arrayOffset() + b.readerIndex(), b.readableBytes());
        } else {
            Chunk.super.readTo(reader);
        }
    }

    @Override
    public String latin1() {
        return buffer.toString(StandardCharsets.ISO_8859_1);
    }
}
