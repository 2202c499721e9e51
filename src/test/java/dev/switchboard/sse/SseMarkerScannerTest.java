package dev.switchboard.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseMarkerScannerTest {
    private static final String STREAM = "data: {\"a\":\"é\"}\n\n"
            + "data: {\"choices\":[],\"usage\":{\"n\":1},\"x\":\"ü\"}\n\n"
            + "data: {\"usage\":null}\r\n\r\n"
            + "data: [DONE]\n\n";

    @Test
    void findsMarkedEventsWhereverTheChunksSplit() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            for (int split2 = split; split2 <= bytes.length; split2 += 7) {
                List<SseEvent> found = new ArrayList<>();
                SseMarkerScanner scanner = new SseMarkerScanner("\"usage\"", 1024, found::add);
                scanner.feed(slice(bytes, 0, split));
                scanner.feed(slice(bytes, split, split2));
                scanner.feed(slice(bytes, split2, bytes.length));
                assertThat(found).extracting(SseEvent::data).as("splits %d %d", split, split2)
                        .containsExactly("{\"choices\":[],\"usage\":{\"n\":1},\"x\":\"ü\"}", "{\"usage\":null}");
            }
        }
    }

    @Test
    void unterminatedEventOverTheCapIsRefused() {
        SseMarkerScanner scanner = new SseMarkerScanner("\"usage\"", 64, e -> { });
        assertThatThrownBy(() -> scanner.feed(("data: " + "x".repeat(100)).getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SseLimitExceededException.class);
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return java.util.Arrays.copyOfRange(b, from, to);
    }
}
