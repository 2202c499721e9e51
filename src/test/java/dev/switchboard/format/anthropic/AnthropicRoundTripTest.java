package dev.switchboard.format.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.format.Dropped;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.StreamEvent;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** canonical → Anthropic → canonical keeps every field Anthropic can represent. */
class AnthropicRoundTripTest {
    private final AnthropicCodec codec = new AnthropicCodec(Fixtures.CLOCK);

    @Provide
    Arbitrary<ChatRequest> requests() {
        return AnthropicArbitraries.requests();
    }

    @Provide
    Arbitrary<ChatResponse> responses() {
        return AnthropicArbitraries.responses();
    }

    @Provide
    Arbitrary<List<StreamEvent>> streams() {
        return AnthropicArbitraries.streams();
    }

    @Property(tries = 200)
    void requestsSurviveTheRoundTrip(@ForAll("requests") ChatRequest request) {
        Dropped dropped = new Dropped();
        ChatRequest back = codec.decodeRequest(codec.encodeRequest(request, dropped), null, false);
        assertThat(back).isEqualTo(request);
        assertThat(dropped.fields()).isEmpty();
    }

    @Property(tries = 200)
    void answersSurviveTheRoundTrip(@ForAll("responses") ChatResponse response) {
        ChatRequest request = codec.decodeRequest(Fixtures.bytes("request_basic.json"), null, false);
        assertThat(codec.decodeResponse(codec.encodeResponse(response, request))).isEqualTo(response);
    }

    @Property(tries = 200)
    void streamsSurviveTheRoundTrip(@ForAll("streams") List<StreamEvent> events) {
        assertThat(Fixtures.decode(Fixtures.encode(events, "claude"))).isEqualTo(events);
    }
}
