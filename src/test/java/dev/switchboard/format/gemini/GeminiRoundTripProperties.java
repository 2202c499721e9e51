package dev.switchboard.format.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.format.Dropped;
import dev.switchboard.format.StreamEncoder;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.StreamText;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** canonical → Gemini → canonical keeps everything Gemini can represent. */
class GeminiRoundTripProperties {
    private final GeminiCodec codec = new GeminiCodec(GeminiFixtures.CLOCK);

    @Property(tries = 200)
    void requests(@ForAll("requests") ChatRequest request) {
        Dropped dropped = new Dropped();
        byte[] body = codec.encodeRequest(request, dropped);
        ChatRequest back = codec.decodeRequest(body, request.model(), request.stream());
        assertThat(back).isEqualTo(request);
        assertThat(dropped.fields()).isEmpty();
    }

    @Property(tries = 200)
    void responses(@ForAll("responses") ChatResponse response) {
        ChatResponse back = codec.decodeResponse(codec.encodeResponse(response, null));
        assertThat(back).isEqualTo(response);
    }

    @Property(tries = 200)
    void streams(@ForAll("streams") List<StreamEvent> events) {
        StreamEncoder encoder = codec.newStreamEncoder(null);
        StreamText sse = new StreamText();
        events.forEach(e -> encoder.encode(e, sse));
        List<StreamEvent> back = GeminiFixtures.decode(codec.newStreamDecoder(), sse.toString());
        assertThat(back).isEqualTo(expectedAfterRoundTrip(events));
    }

    /**
     * What the decoder must give back: argument fragments arrive as one whole delta (Gemini sends
     * calls whole); a stream with no content learns its usage from its only chunk; a failed stream
     * that never sent content is just the error, with no usage seen, and a failure leaves a text or
     * unsigned thought block open (nothing told the decoder it had ended).
     */
    private static List<StreamEvent> expectedAfterRoundTrip(List<StreamEvent> events) {
        List<StreamEvent> out = new ArrayList<>();
        boolean content = events.stream().anyMatch(e -> e instanceof StreamEvent.BlockStart);
        StringBuilder args = null;
        for (StreamEvent e : events) {
            switch (e) {
                case StreamEvent.Start s -> {
                    if (content) {
                        out.add(s);
                    } else if (events.get(events.size() - 1) instanceof StreamEvent.Finish f) {
                        out.add(new StreamEvent.Start(s.id(), s.model(), s.created(), f.usage()));
                    }
                }
                case StreamEvent.BlockStart b -> {
                    out.add(b);
                    args = b.kind() == BlockKind.TOOL_CALL ? new StringBuilder() : null;
                }
                case StreamEvent.ToolArgsDelta a -> args.append(a.fragment());
                case StreamEvent.BlockStop stop -> {
                    if (args != null) {
                        out.add(new StreamEvent.ToolArgsDelta(stop.index(), args.toString()));
                        args = null;
                    }
                    out.add(stop);
                }
                case StreamEvent.Error err -> {
                    if (!out.isEmpty() && out.get(out.size() - 1) instanceof StreamEvent.BlockStop stop && stillOpen(out, stop.index())) {
                        out.remove(out.size() - 1);
                    }
                    out.add(new StreamEvent.Error(err.kind(), err.message(), Usage.NONE));
                }
                default -> out.add(e);
            }
        }
        return out;
    }

    private static boolean stillOpen(List<StreamEvent> out, int index) {
        for (StreamEvent e : out) {
            if (e instanceof StreamEvent.BlockStart b && b.index() == index) {
                return b.kind() == BlockKind.TEXT
                        || b.kind() == BlockKind.THINKING && out.stream().noneMatch(x -> x instanceof StreamEvent.SignatureDelta d && d.index() == index);
            }
        }
        return false;
    }

    @Provide
    Arbitrary<ChatRequest> requests() {
        return GeminiArbitraries.request();
    }

    @Provide
    Arbitrary<ChatResponse> responses() {
        return GeminiArbitraries.response();
    }

    @Provide
    Arbitrary<List<StreamEvent>> streams() {
        return GeminiStreamArbitraries.blocks().flatMap(blocks -> Combinators.combine(GeminiArbitraries.word(),
                GeminiArbitraries.word(), GeminiStreamArbitraries.terminal(blocks))
                .as((id, model, terminal) -> GeminiStreamArbitraries.events(id, model, blocks, terminal)));
    }
}
