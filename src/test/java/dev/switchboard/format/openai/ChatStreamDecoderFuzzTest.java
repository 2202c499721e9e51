package dev.switchboard.format.openai;

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
 * The Chat Completions stream decoder under hostile input. The default-suite property is short; the
 * {@code fuzz}-tagged one runs as long as asked: {@code -Djqwik.tries.default=200000}.
 */
class ChatStreamDecoderFuzzTest {
    private static final List<List<SseEvent>> CORPUS = StreamFuzz.corpus("openai", "responses");

    @Property(tries = 200)
    void survivesMutatedStreams(@ForAll("streams") List<SseEvent> events) {
        StreamFuzz.check(OpenAiChatStreamDecoder::new, events);
    }

    @Property
    @Tag("fuzz")
    void survivesMutatedStreamsForLong(@ForAll("streams") List<SseEvent> events) {
        StreamFuzz.check(OpenAiChatStreamDecoder::new, events);
    }

    /** Inputs the fuzzer once broke, kept as regression files. */
    @Example
    void replaysSavedFailures() {
        for (Path p : StreamFuzz.files("openai/fuzz")) {
            StreamFuzz.check(OpenAiChatStreamDecoder::new, CodecFixtures.sse(StreamFuzz.read(p)));
        }
    }

    @Provide
    Arbitrary<List<SseEvent>> streams() {
        return StreamFuzz.mutated(CORPUS);
    }
}
