package dev.switchboard.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Generated texts, heavy in what needs escaping or more than one byte, against the JDK's and Jackson's encoders. */
class StreamTextProperties {
    @Property(tries = 2000)
    void utf8IsTheJdks(@ForAll("texts") String text, @ForAll("capacities") int capacity) {
        assertThat(new StreamText(capacity).append(text).toByteArray()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 2000)
    void jsonStringsAreJacksons(@ForAll("texts") String text, @ForAll("capacities") int capacity) throws Exception {
        String wellFormed = text.replaceAll("\\p{Cs}", "?"); // Jackson refuses lone surrogates; StreamText writes '?'
        assertThat(new StreamText(capacity).appendJsonString(wellFormed).toByteArray())
                .isEqualTo(StreamTextTest.jacksonText(wellFormed));
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<Character> tricky = Arbitraries.of('"', '\\', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u001f', '\u007f',
                'é', '€', '\u2028', '\uD83D', '\uDE00', '\uFFFF');
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, Arbitraries.chars().ascii()),
                        net.jqwik.api.Tuple.of(2, tricky),
                        net.jqwik.api.Tuple.of(1, Arbitraries.chars()))
                .list().ofMaxSize(60).map(cs -> {
                    StringBuilder sb = new StringBuilder();
                    cs.forEach(sb::append);
                    return sb.toString();
                });
    }

    @Provide
    Arbitrary<Integer> capacities() {
        return Arbitraries.integers().between(1, 80);
    }
}
