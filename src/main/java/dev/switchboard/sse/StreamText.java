package dev.switchboard.sse;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The text of a stream being composed (SSE events, JSON array elements), kept as the UTF-8 bytes that
 * go on the wire. A translated stream composes every event it writes; composing into a
 * {@link StringBuilder} cost two more copies of each write (to a String, then to its UTF-8 bytes) and
 * a third of the gateway's allocation per stream. Not thread-safe: one per stream.
 *
 * <p>{@link #take} hands the bytes over without copying them; the next append starts a new array.
 * A caller that knows how much is coming says so ({@link #ensureRoom}) before the array is made.
 */
public final class StreamText {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    /** Per ASCII char, 0 when it goes into a JSON string as it is, else the letter of its short escape or 'u'. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    private byte[] bytes;
    private int length;
    /** What a new array starts with after {@link #take}: about what the last write needed. */
    private int nextCapacity;

    public StreamText() {
        this(256);
    }

    /** @param capacity what the array starts with, made at the first append (a stream may never write) */
    public StreamText(int capacity) {
        this.nextCapacity = Math.max(16, capacity);
    }

    public int length() {
        return length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** Makes room for {@code more} bytes in one step, for a caller that knows what is coming. */
    public void ensureRoom(int more) {
        if (bytes == null) {
            bytes = new byte[Math.max(nextCapacity, more)];
        } else if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** Appends bytes that are UTF-8 text already (a cached envelope, an ASCII constant). */
    public StreamText append(byte[] utf8) {
        return append(utf8, 0, utf8.length);
    }

    public StreamText append(byte[] utf8, int offset, int count) {
        ensureRoom(count);
        System.arraycopy(utf8, offset, bytes, length, count);
        length += count;
        return this;
    }

    public StreamText append(char c) {
        if (c < 0x80) {
            ensureRoom(1);
            bytes[length++] = (byte) c;
            return this;
        }
        return append(String.valueOf(c));
    }

    public StreamText append(long value) {
        return append(Long.toString(value));
    }

    /** Appends {@code text} as UTF-8; a lone surrogate becomes {@code ?}, as {@link String#getBytes} makes it. */
    public StreamText append(CharSequence text) {
        int n = text.length();
        ensureRoom(n);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                i = appendNonAscii(text, i, n);
            } else {
                ensureRoom(1);
                bytes[length++] = (byte) c;
            }
        }
        return this;
    }

    /**
     * Appends {@code text} as a JSON string, quotes included, escaped as Jackson escapes it (the short
     * escapes, {@code \}{@code u00XX} for other control characters, nothing else), so that a stream's
     * bytes do not depend on which path composed them; null becomes {@code null}.
     */
    public StreamText appendJsonString(String text) {
        if (text == null) {
            return append(NULL);
        }
        int n = text.length();
        ensureRoom(n + 2);
        bytes[length++] = '"';
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                i = appendNonAscii(text, i, n);
            } else if (ESCAPES[c] == 0) {
                ensureRoom(1);
                bytes[length++] = (byte) c;
            } else {
                escape(c);
            }
        }
        ensureRoom(1);
        bytes[length++] = '"';
        return this;
    }

    private void escape(char c) {
        byte e = ESCAPES[c];
        if (e == 'u') {
            ensureRoom(6);
            bytes[length++] = '\\';
            bytes[length++] = 'u';
            bytes[length++] = '0';
            bytes[length++] = '0';
            bytes[length++] = HEX[c >> 4];
            bytes[length++] = HEX[c & 0xF];
        } else {
            ensureRoom(2);
            bytes[length++] = '\\';
            bytes[length++] = e;
        }
    }

    /** Encodes the char at {@code i} (and its low surrogate); returns the index of the last char used. */
    private int appendNonAscii(CharSequence text, int i, int n) {
        char c = text.charAt(i);
        ensureRoom(4);
        if (c < 0x800) {
            bytes[length++] = (byte) (0xC0 | c >> 6);
            bytes[length++] = (byte) (0x80 | c & 0x3F);
        } else if (!Character.isSurrogate(c)) {
            bytes[length++] = (byte) (0xE0 | c >> 12);
            bytes[length++] = (byte) (0x80 | c >> 6 & 0x3F);
            bytes[length++] = (byte) (0x80 | c & 0x3F);
        } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
            int cp = Character.toCodePoint(c, text.charAt(i + 1));
            bytes[length++] = (byte) (0xF0 | cp >> 18);
            bytes[length++] = (byte) (0x80 | cp >> 12 & 0x3F);
            bytes[length++] = (byte) (0x80 | cp >> 6 & 0x3F);
            bytes[length++] = (byte) (0x80 | cp & 0x3F);
            return i + 1;
        } else {
            bytes[length++] = '?';
        }
        return i;
    }

    /** Receives what {@link #take} hands over: {@code [0, length)} of {@code array}, which is its own from then on. */
    @FunctionalInterface
    public interface Taker<T> {
        T take(byte[] array, int length);
    }

    /** Hands the composed bytes to {@code taker} uncopied and returns what it makes of them; this text is left empty. */
    public <T> T take(Taker<T> taker) {
        byte[] taken = bytes == null ? new byte[0] : bytes;
        int takenLength = length;
        nextCapacity = Math.max(16, takenLength);
        bytes = null;
        length = 0;
        return taker.take(taken, takenLength);
    }

    /** The composed bytes as an exact copy; this text is left as it is. */
    public byte[] toByteArray() {
        return bytes == null ? new byte[0] : Arrays.copyOf(bytes, length);
    }

    /** A stream that appends here, for a generator that writes UTF-8 (Jackson's). */
    public OutputStream asOutputStream() {
        return new OutputStream() {
            @Override
            public void write(int b) {
                ensureRoom(1);
                bytes[length++] = (byte) b;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                append(b, off, len);
            }
        };
    }

    /** The text, decoded: for tests and logs. */
    @Override
    public String toString() {
        return bytes == null ? "" : new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
