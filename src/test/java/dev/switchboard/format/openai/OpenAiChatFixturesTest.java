package dev.switchboard.format.openai;

import static dev.switchboard.format.openai.CodecFixtures.assertEventsGolden;
import static dev.switchboard.format.openai.CodecFixtures.assertJsonGolden;
import static dev.switchboard.format.openai.CodecFixtures.assertSseGolden;
import static dev.switchboard.format.openai.CodecFixtures.bytes;
import static dev.switchboard.format.openai.CodecFixtures.decode;
import static dev.switchboard.format.openai.CodecFixtures.encode;
import static dev.switchboard.format.openai.CodecFixtures.exists;
import static dev.switchboard.format.openai.CodecFixtures.sse;
import static dev.switchboard.format.openai.CodecFixtures.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.format.Dropped;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays the Chat Completions fixtures: decode → canonical → encode, compared with golden files. */
class OpenAiChatFixturesTest {
    private final OpenAiChatCodec codec = new OpenAiChatCodec();

    @ParameterizedTest
    @CsvSource({
        "request-multi-turn, ''",
        "request-tools, ''",
        "request-multimodal, ''",
        "request-reasoning, thinking",
    })
    void requestsRoundTripThroughTheCanonicalModel(String name, String droppedHeader) {
        ChatRequest request = codec.decodeRequest(bytes("openai/" + name + ".json"), null, false);
        Dropped dropped = new Dropped();
        byte[] encoded = codec.encodeRequest(request, dropped);
        String expected = exists("openai/" + name + ".expected.json") ? name + ".expected.json" : name + ".json";
        assertJsonGolden("openai/" + expected, encoded);
        assertThat(dropped.headerValue()).isEqualTo(droppedHeader);
    }

    @ParameterizedTest
    @ValueSource(strings = {"response-text", "response-tool-calls", "response-refusal", "response-deepseek-reasoning"})
    void answersRoundTripThroughTheCanonicalModel(String name) {
        ChatResponse response = codec.decodeResponse(bytes("openai/" + name + ".json"));
        ChatRequest request = codec.decodeRequest("{\"model\":\"m\",\"messages\":[]}".getBytes(), null, false);
        String expected = exists("openai/" + name + ".expected.json") ? name + ".expected.json" : name + ".json";
        assertJsonGolden("openai/" + expected, codec.encodeResponse(response, request));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-text", "stream-tool-calls", "stream-deepseek-reasoning", "stream-error-midway",
        "stream-truncated", "stream-no-usage"})
    void streamsReplayToGoldenCanonicalEventsAndBack(String name) {
        List<StreamEvent> events = decode(codec.newStreamDecoder(), sse(text("openai/" + name + ".sse")));
        assertThat(CanonicalStreams.violation(events)).isNull();
        assertEventsGolden("openai/" + name + ".events.txt", events);
        assertSseGolden("openai/" + name + ".expected.sse", encode(new OpenAiChatStreamEncoder(true), events));
    }

    @ParameterizedTest
    @CsvSource({
        "error-rate-limit, 429, RATE_LIMITED, rate_limit_exceeded",
        "error-context-length, 400, INVALID_REQUEST, context_length_exceeded",
        "error-vllm, 400, INVALID_REQUEST, 400",
    })
    void upstreamErrorsKeepTheirMessageAndCode(String name, int status, ErrorKind kind, String code) {
        GatewayError e = codec.decodeError(status, bytes("openai/" + name + ".json"));
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).isEqualTo(CodecFixtures.json(bytes("openai/" + name + ".json"))
                .path("error").path("message").asText(CodecFixtures.json(bytes("openai/" + name + ".json")).path("message").asText()));
        assertThat(CodecFixtures.json(codec.encodeError(e)).path("error").path("message").asText()).isEqualTo(e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void fixtureStreamsCarryTheirUsageAndStopReason() {
        List<StreamEvent> tools = decode(codec.newStreamDecoder(), sse(text("openai/stream-tool-calls.sse")));
        assertThat(tools.getLast()).isEqualTo(new StreamEvent.Finish(StopReason.TOOL_USE, null, new Usage(82, 17, 64, 0, 0, false)));
        List<StreamEvent> cut = decode(codec.newStreamDecoder(), sse(text("openai/stream-truncated.sse")));
        assertThat(cut.getLast()).isInstanceOf(StreamEvent.Error.class);
        List<StreamEvent> failed = decode(codec.newStreamDecoder(), sse(text("openai/stream-error-midway.sse")));
        assertThat(((StreamEvent.Error) failed.getLast()).message()).startsWith("The server had an error");
    }
}
