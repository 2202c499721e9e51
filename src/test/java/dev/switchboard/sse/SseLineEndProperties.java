package dev.switchboard.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The word-at-a-time search for a line end against the plain loop it replaced, and the reader around it. */
class SseLineEndProperties {

    @Property(tries = 3000)
    void findsTheFirstCrOrLfLikeAByteLoop(@ForAll("lines") byte[] buf, @ForAll("cuts") int a, @ForAll("cuts") int b) {
        int from = Math.min(a, b) % (buf.length + 1);
        int to = Math.max(from, Math.max(a, b) % (buf.length + 1));
        assertThat(SseReader.lineEnd(buf, from, to)).isEqualTo(byteLoop(buf, from, to));
    }

    @Property(tries = 500)
    void anySplitOfAStreamGivesTheSameEvents(@ForAll("streams") String stream, @ForAll("cuts") int cut) {
        byte[] bytes = stream.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = cut % (bytes.length + 1);
        List<SseEvent> whole = new ArrayList<>();
        new SseReader(1 << 16, whole::add).feed(bytes);
        List<SseEvent> split = new ArrayList<>();
        SseReader reader = new SseReader(1 << 16, split::add);
        reader.feed(bytes, 0, at);
        reader.feed(bytes, at, bytes.length - at);
        assertThat(split).usingRecursiveFieldByFieldElementComparator().isEqualTo(whole);
    }

    private static int byteLoop(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n' || buf[i] == '\r') {
                return i;
            }
        }
        return -1;
    }

    @Provide
    Arbitrary<byte[]> lines() {
        // terminators sparse or dense, beside bytes one bit away from them and high bytes that borrow
        Arbitrary<Byte> b = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.of((byte) '\n', (byte) '\r')),
                net.jqwik.api.Tuple.of(2, Arbitraries.of((byte) 0x0b, (byte) 0x0c, (byte) 0x0e, (byte) 0x09, (byte) 0x00,
                        (byte) 0x01, (byte) 0x80, (byte) 0x8a, (byte) 0xff)),
                net.jqwik.api.Tuple.of(20, Arbitraries.bytes()));
        return b.array(byte[].class).ofMaxSize(80);
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 1000);
    }

    @Provide
    Arbitrary<String> streams() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMaxLength(12).map(s -> "data: " + s),
                Arbitraries.of("event: a", "event: b", "event: content_block_delta", ": comment", "id: 7", "data"),
                Arbitraries.strings().withChars("ab é😀:").ofMaxLength(10).map(s -> "data:" + s));
        Arbitrary<String> end = Arbitraries.of("\n", "\r", "\r\n", "\n\n", "\r\n\r\n", "\r\r");
        return net.jqwik.api.Combinators.combine(line, end).as(String::concat).list().ofMaxSize(20)
                .map(parts -> String.join("", parts));
    }
}
