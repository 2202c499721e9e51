package dev.switchboard.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Composed text against the encoders it stands in for: the JDK's UTF-8 and Jackson's JSON strings. */
class StreamTextTest {
    private static final ObjectMapper JACKSON = new ObjectMapper();

    @Test
    void appendsUtf8AsTheJdkEncodesIt() {
        String text = "plain, é, € and 😀 (a pair), then a lone \uD83D and a lone \uDE00.";
        StreamText out = new StreamText(4).append(text);
        assertThat(out.toByteArray()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesJsonStringsAsJacksonDoes() throws IOException {
        for (String s : new String[] {"", "plain", "q\"uote\\back/slash", "\b\t\n\f\r", "\u0000\u0001\u001F\u007F",
                "é€😀", "\u2028\u2029", "</script>"}) {
            assertThat(new StreamText(1).appendJsonString(s).toByteArray()).as(s).isEqualTo(jacksonText(s));
        }
        assertThat(new StreamText().appendJsonString(null).toString()).isEqualTo("null");
    }

    /**
     * Jackson's JSON text for {@code s}, as UTF-8. Not {@code writeValueAsBytes}: its byte generator escapes a
     * character beyond the BMP as a surrogate pair where its text generator (and the stream encoders before
     * they composed bytes) keeps the character; clients got the four UTF-8 bytes, and still do.
     */
    static byte[] jacksonText(String s) throws IOException {
        return JACKSON.writeValueAsString(s).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void growsAcrossEveryKindOfAppend() {
        StreamText out = new StreamText(1);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            out.append("x").append('é').append(i).append(new byte[] {'-'});
            expected.append("x").append('é').append(i).append('-');
        }
        assertThat(out.toString()).isEqualTo(expected.toString());
        assertThat(out.length()).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void takeHandsTheArrayOverAndStartsAFreshOne() {
        StreamText out = new StreamText(64).append("first");
        byte[][] taken = new byte[1][];
        int length = out.take((array, n) -> {
            taken[0] = array;
            return n;
        });
        assertThat(out.isEmpty()).isTrue();
        out.append("second, which must not land in the taken array");
        assertThat(Arrays.copyOf(taken[0], length)).isEqualTo("first".getBytes(StandardCharsets.US_ASCII));
        assertThat(out.toString()).isEqualTo("second, which must not land in the taken array");
    }

    @Test
    void takeOfNothingIsEmpty() {
        StreamText out = new StreamText();
        byte[] array = out.take((a, n) -> a);
        assertThat(array).isNotNull().isEmpty();
        int length = out.take((a, n) -> n);
        assertThat(length).isZero();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void outputStreamAppendsBytesAsTheyCome() throws IOException {
        StreamText out = new StreamText(2).append("a");
        out.asOutputStream().write('b');
        out.asOutputStream().write("cde".getBytes(StandardCharsets.US_ASCII), 1, 2);
        assertThat(out.toString()).isEqualTo("abde");
    }
}
