package dev.switchboard.format.responses;

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
import dev.switchboard.format.openai.CanonicalStreams;
import dev.switchboard.format.openai.OpenAiChatCodec;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.StreamEvent;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Replays the Responses fixtures: decode → canonical → encode, compared with golden files. */
class ResponsesFixturesTest {
    private final ResponsesCodec codec = new ResponsesCodec();
    /** The request context the answer fixtures are rendered for. */
    private final ChatRequest basic = codec.decodeRequest(bytes("responses/request-basic.json"), null, false);

    @ParameterizedTest
    @ValueSource(strings = {"request-basic", "request-items"})
    void requestsRoundTripThroughTheCanonicalModel(String name) {
        ChatRequest request = codec.decodeRequest(bytes("responses/" + name + ".json"), null, false);
        Dropped dropped = new Dropped();
        assertJsonGolden("responses/" + name + ".expected.json", codec.encodeRequest(request, dropped));
        assertThat(dropped.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"response-text", "response-function-call", "response-reasoning"})
    void answersRoundTripThroughTheCanonicalModel(String name) {
        ChatResponse response = codec.decodeResponse(bytes("responses/" + name + ".json"));
        assertJsonGolden("responses/" + name + ".expected.json", codec.encodeResponse(response, basic));
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-text", "stream-function-call", "stream-reasoning", "stream-failed", "stream-error",
        "stream-duplicated"})
    void streamsReplayToGoldenCanonicalEventsAndBack(String name) {
        List<StreamEvent> events = decode(codec.newStreamDecoder(), sse(text("responses/" + name + ".sse")));
        assertThat(CanonicalStreams.violation(events)).isNull();
        assertEventsGolden("responses/" + name + ".events.txt", events);
        assertSseGolden("responses/" + name + ".expected.sse", encode(codec.newStreamEncoder(basic), events));
    }

    /** The main path: a Responses client served by a Chat Completions upstream. */
    @ParameterizedTest
    @ValueSource(strings = {"stream-text", "stream-tool-calls", "stream-deepseek-reasoning"})
    void chatStreamsBecomeResponsesStreams(String name) {
        List<StreamEvent> events = decode(new OpenAiChatCodec().newStreamDecoder(), sse(text("openai/" + name + ".sse")));
        assertSseGolden("responses/from-chat-" + name + ".expected.sse", encode(codec.newStreamEncoder(basic), events));
    }

    @ParameterizedTest
    @ValueSource(strings = {"response-text", "response-tool-calls"})
    void chatAnswersBecomeResponses(String name) {
        ChatResponse response = new OpenAiChatCodec().decodeResponse(bytes("openai/" + name + ".json"));
        String golden = "responses/from-chat-" + name + ".expected.json";
        assertThat(exists(golden) || Boolean.getBoolean("golden.update")).as(golden).isTrue();
        assertJsonGolden(golden, codec.encodeResponse(response, basic));
    }
}
