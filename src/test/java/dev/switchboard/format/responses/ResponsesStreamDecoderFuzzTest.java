package dev.switchboard.format.responses;

import dev.switchboard.format.openai.CodecFixtures;
import dev.switchboard.format.openai.StreamFuzz;
import dev.switchboard.sse.SseEvent;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * The Responses stream decoder under hostile input. The default-suite property is short; the
 * {@code fuzz}-tagged one runs as long as asked: {@code -Djqwik.tries.default=200000}.
 */
class ResponsesStreamDecoderFuzzTest {
    private static final List<List<SseEvent>> CORPUS = StreamFuzz.corpus("responses", "openai");

    @Property(tries = 200)
    void survivesMutatedStreams(@ForAll("streams") List<SseEvent> events) {
        StreamFuzz.check(ResponsesStreamDecoder::new, events);
    }

    @Property
    @Tag("fuzz")
    void survivesMutatedStreamsForLong(@ForAll("streams") List<SseEvent> events) {
        StreamFuzz.check(ResponsesStreamDecoder::new, events);
    }

    /** Inputs the fuzzer once broke, kept as regression files. */
    @Example
    void replaysSavedFailures() {
        for (Path p : StreamFuzz.files("responses/fuzz")) {
            StreamFuzz.check(ResponsesStreamDecoder::new, CodecFixtures.sse(StreamFuzz.read(p)));
        }
    }

    @Provide
    Arbitrary<List<SseEvent>> streams() {
        return StreamFuzz.mutated(CORPUS);
    }
}
