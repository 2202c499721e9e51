package dev.switchboard.sse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Incremental SSE parser after the WHATWG event-stream grammar: bytes arrive in arbitrary chunks,
 * complete events leave as soon as their blank line is seen. Lines may end in CRLF, LF or CR, also
 * split across chunks. A line longer than {@code maxLineBytes} aborts the stream, which bounds memory
 * no matter what the upstream sends. Not thread-safe: one reader per stream.
 *
 * <p>Lines are parsed where they lie in the chunk; only a line cut by a chunk boundary is copied. A
 * translated stream goes through here once per upstream token, so the reader keeps an event's raw bytes
 * only when asked to ({@link #relaying}): no one else reads them.
 */
public final class SseReader {
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EVENT = "event".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NO_RAW = new byte[0];
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = ONES * '\n';
    private static final long CRS = ONES * '\r';

    private final int maxLineBytes;
    private final long maxEventBytes;
    private final Consumer<SseEvent> sink;
    private final ByteRun raw;
    /** A line begun in an earlier chunk. */
    private final ByteRun carry = new ByteRun();
    private boolean lastWasCr;
    private long eventBytes;
    private boolean fieldsPending;
    private String eventType;
    private String lastType;
    private byte[] lastTypeBytes;
    private String data;
    private StringBuilder moreData;

    /** A reader whose events carry their fields only ({@link SseEvent#raw()} is empty). */
    public SseReader(int maxLineBytes, Consumer<SseEvent> sink) {
        this(maxLineBytes, sink, false);
    }

    private SseReader(int maxLineBytes, Consumer<SseEvent> sink, boolean keepRaw) {
        this.maxLineBytes = maxLineBytes;
        this.maxEventBytes = maxLineBytes * 4L;
        this.sink = sink;
        this.raw = keepRaw ? new ByteRun() : null;
    }

    /** A reader whose events also carry their exact bytes, so relaying them reproduces the stream. */
    public static SseReader relaying(int maxLineBytes, Consumer<SseEvent> sink) {
        return new SseReader(maxLineBytes, sink, true);
    }

    public void feed(byte[] chunk) {
        feed(chunk, 0, chunk.length);
    }

    public void feed(byte[] chunk, int offset, int length) {
        int end = offset + length;
        int lineStart = offset;
        int rawStart = offset;
        int i = offset;
        while (i < end) {
            if (lastWasCr) {
                lastWasCr = false;
                if (chunk[i] == '\n') { // second half of a CRLF whose CR ended the previous line
                    lineStart = ++i;
                    continue;
                }
            }
            int eol = lineEnd(chunk, i, end);
            if (eol < 0) {
                break;
            }
            lastWasCr = chunk[eol] == '\r';
            eventBytes += eol + 1 - lineStart + carry.length;
            if (line(chunk, lineStart, eol)) {
                dispatch(chunk, rawStart, eol + 1);
                rawStart = eol + 1;
            }
            lineStart = i = eol + 1;
        }
        if (lineStart < end) {
            int n = end - lineStart;
            if (carry.length + n > maxLineBytes) {
                throw new SseLimitExceededException("SSE line longer than " + maxLineBytes + " bytes");
            }
            carry.append(chunk, lineStart, n);
        }
        if (raw != null && rawStart < end) {
            raw.append(chunk, rawStart, end - rawStart);
        }
        checkEventSize(eventBytes + carry.length);
    }

    /** True when bytes of an unfinished event are held (the stream ended mid-event). */
    public boolean hasPartialEvent() {
        return fieldsPending || carry.length > 0;
    }

    /** Parses one line (without its terminator); true when it was the blank line that ends an event. */
    private boolean line(byte[] chunk, int from, int to) {
        byte[] buf = chunk;
        int start = from;
        int end = to;
        if (carry.length > 0) {
            if (carry.length + (to - from) > maxLineBytes) {
                throw new SseLimitExceededException("SSE line longer than " + maxLineBytes + " bytes");
            }
            carry.append(chunk, from, to - from);
            buf = carry.bytes;
            start = 0;
            end = carry.length;
            carry.length = 0;
        } else if (to - from > maxLineBytes) {
            throw new SseLimitExceededException("SSE line longer than " + maxLineBytes + " bytes");
        }
        if (start == end) {
            return true;
        }
        checkEventSize(eventBytes);
        fieldsPending = true;
        if (buf[start] == ':') {
            return false; // comment
        }
        int colon = indexOf(buf, start, end, (byte) ':');
        int fieldEnd = colon < 0 ? end : colon;
        int value = colon < 0 ? end : colon + 1;
        if (value < end && buf[value] == ' ') {
            value++;
        }
        if (Arrays.equals(buf, start, fieldEnd, DATA, 0, DATA.length)) {
            addData(new String(buf, value, end - value, StandardCharsets.UTF_8));
        } else if (Arrays.equals(buf, start, fieldEnd, EVENT, 0, EVENT.length)) {
            eventType = eventType(buf, value, end);
        }
        // id, retry and unknown fields are relayed raw but need no parsing here
        return false;
    }

    /** A stream repeats a few event names: the last one's String is reused when the bytes match. */
    private String eventType(byte[] buf, int from, int to) {
        if (lastType == null || !Arrays.equals(buf, from, to, lastTypeBytes, 0, lastTypeBytes.length)) {
            lastTypeBytes = Arrays.copyOfRange(buf, from, to);
            lastType = new String(lastTypeBytes, StandardCharsets.UTF_8);
        }
        return lastType;
    }

    private void addData(String value) {
        if (data == null) {
            data = value;
        } else {
            if (moreData == null) {
                moreData = new StringBuilder(data.length() + value.length() + 16).append(data);
            }
            moreData.append('\n').append(value);
        }
    }

    private void dispatch(byte[] chunk, int rawFrom, int rawTo) {
        byte[] bytes = NO_RAW;
        if (raw != null) {
            if (raw.length == 0) {
                bytes = Arrays.copyOfRange(chunk, rawFrom, rawTo);
            } else {
                raw.append(chunk, rawFrom, rawTo - rawFrom);
                bytes = Arrays.copyOf(raw.bytes, raw.length);
                raw.length = 0;
            }
        }
        String text = moreData != null ? moreData.toString() : data;
        String type = eventType;
        eventType = null;
        data = null;
        moreData = null;
        eventBytes = 0;
        fieldsPending = false;
        // a blank line with no fields (keep-alive padding) is still an event, so its bytes are relayed
        sink.accept(new SseEvent(type, text, bytes));
    }

    private void checkEventSize(long size) {
        if (size > maxEventBytes) {
            throw new SseLimitExceededException("SSE event larger than " + maxEventBytes + " bytes");
        }
    }

    /**
     * The first CR or LF in {@code [from, to)}, else -1. Eight bytes at a time (the zero-byte test of
     * "Bit Twiddling Hacks" on the word XOR each terminator): a translated stream's reader sees every
     * byte of the upstream stream, and a byte-by-byte loop was its largest cost.
     */
    static int lineEnd(byte[] buf, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) WORDS.get(buf, i);
            long lf = word ^ LFS;
            long cr = word ^ CRS;
            long hits = ((lf - ONES) & ~lf | (cr - ONES) & ~cr) & HIGHS;
            if (hits != 0) {
                return i + (Long.numberOfTrailingZeros(hits) >>> 3); // the lowest hit is exact: borrows run upwards
            }
        }
        for (; i < to; i++) {
            if (buf[i] == '\n' || buf[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** A growable run of bytes; a ByteArrayOutputStream would take a lock per write. */
    private static final class ByteRun {
        byte[] bytes = new byte[256];
        int length;

        void append(byte[] src, int from, int n) {
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
            }
            System.arraycopy(src, from, bytes, length, n);
            length += n;
        }
    }
}
