package dev.switchboard.provider;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

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

    /** The first {@code length} bytes of {@code array}, which its composer handed over (it writes there no more). */
    static Chunk of(byte[] array, int length) {
        return length == array.length ? new Bytes(array) : new Head(array, length);
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

    /** The composed head of a larger array: relayed where it lies, copied only for {@link #bytes()}. */
    record Head(byte[] array, int length) implements Chunk {
        @Override
        public byte[] bytes() {
            return Arrays.copyOf(array, length);
        }

        @Override
        public void readTo(Reader reader) {
            reader.read(array, 0, length);
        }

        @Override
        public String latin1() {
            return new String(array, 0, length, StandardCharsets.ISO_8859_1);
        }
    }
}
