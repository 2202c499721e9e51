package dev.switchboard.format.anthropic;

import static dev.switchboard.format.anthropic.Fixtures.assertSameJson;
import static dev.switchboard.format.anthropic.Fixtures.assertSameStream;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.StreamEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the recorded Anthropic fixtures decoder → canonical → encoder and compares with the golden
 * output: the input itself where the round trip is exact, else {@code <name>.expected.<ext>}.
 */
class AnthropicGoldenTest {
    private final AnthropicCodec codec = new AnthropicCodec(Fixtures.CLOCK);

    @ParameterizedTest
    @MethodSource("dev.switchboard.format.anthropic.Fixtures#requests")
    void requestRoundTrip(String name) {
        ChatRequest canonical = codec.decodeRequest(Fixtures.bytes(name), null, false);
        Dropped dropped = new Dropped();
        byte[] encoded = codec.encodeRequest(canonical, dropped);
        assertSameJson(encoded, Fixtures.bytes(Fixtures.expectedName(name)));
        assertThat(dropped.fields()).as("nothing is dropped within the family").isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.switchboard.format.anthropic.Fixtures#responses")
    void responseRoundTrip(String name) {
        ChatResponse canonical = codec.decodeResponse(Fixtures.bytes(name));
        ChatRequest request = codec.decodeRequest(Fixtures.bytes("request_basic.json"), null, false);
        assertSameJson(codec.encodeResponse(canonical, request), Fixtures.bytes(Fixtures.expectedName(name)));
    }

    @ParameterizedTest
    @MethodSource("dev.switchboard.format.anthropic.Fixtures#streams")
    void streamReplay(String name) {
        List<StreamEvent> canonical = Fixtures.decode(Fixtures.text(name));
        assertThat(canonical.getLast()).isInstanceOfAny(StreamEvent.Finish.class, StreamEvent.Error.class);
        assertSameStream(Fixtures.encode(canonical, "unused"), Fixtures.text(Fixtures.expectedName(name)));
    }

    @ParameterizedTest
    @MethodSource("dev.switchboard.format.anthropic.Fixtures#errors")
    void errorRoundTrip(String name) {
        int status = Integer.parseInt(name.split("_")[1]);
        byte[] body = Fixtures.bytes(name);
        GatewayError error = codec.decodeError(status, body);
        ObjectNode upstream = (ObjectNode) Fixtures.json(body);
        assertThat(error.getMessage()).isEqualTo(upstream.path("error").path("message").asText());
        assertThat(error.code()).isEqualTo(upstream.path("error").path("type").asText());
        // an upstream's own server error reaches clients as a bad gateway; every other status stays
        assertThat(codec.errorStatus(error.kind())).as("status of %s", error.kind()).isEqualTo(status == 500 ? 502 : status);
        upstream.remove("request_id");
        assertSameJson(codec.encodeError(error), upstream.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(error.kind() == ErrorKind.OVERLOADED).isEqualTo(status == 529);
    }
}
