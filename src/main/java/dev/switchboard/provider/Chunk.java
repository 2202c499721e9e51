package dev.switchboard.provider;

import java.nio.charset.StandardCharsets;

/**
 * A piece of an upstream answer. The transport hands over its own buffer behind this interface so
 * that bytes relayed untouched are never copied on the way through; {@link #bytes()} and
 * {@link #latin1()} copy only for the code that must look inside.
 */
public interface Chunk {
    int length();

    /** The bytes; callers must not modify the array. */
    byte[] bytes();

    /**
     * Hands the bytes to {@code reader} where they lie when the transport's buffer is an array, else as
     * a copy. The reader must neither keep nor change the array: it is the transport's.
     */
    default void readTo(Reader reader) {
        byte[] bytes = bytes();
        reader.read(bytes, 0, bytes.length);
    }

    /** Takes a chunk's bytes in place: a parser's or a stream's {@code (array, offset, length)} method. */
    @FunctionalInterface
    interface Reader {
        void read(byte[] array, int offset, int length);
    }

    /** The bytes as ISO-8859-1 text: one char per byte, for fast (vectorised) scanning. */
    String latin1();

    static Chunk of(byte[] bytes) {
        return new Bytes(bytes);
    }

    /** A chunk that is just an array (the in-process mock, tests). */
    record Bytes(byte[] bytes) implements Chunk {
        @Override
        public int length() {
            return bytes.length;
        }

        @Override
        public String latin1() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
