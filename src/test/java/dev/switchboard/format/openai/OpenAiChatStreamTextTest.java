package dev.switchboard.format.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.StreamEvent;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Content chunks come from a template made at the stream's start; they must be byte for byte the chunk
 * Jackson writes for the same tree, whatever the text, id or model hold.
 */
class OpenAiChatStreamTextTest {

    static Stream<Arguments> chunks() {
        return Stream.of(
                Arguments.of("chatcmpl-1", "gpt-4o", "plain text", false),
                Arguments.of("chatcmpl-1", "gpt-4o", "plain text", true),
                Arguments.of("id \"quoted\"", "model\\x", "quotes \" and \\ backslashes", true),
                Arguments.of("chatcmpl-2", "m", "tab\tnewline\ncontrol\u0001\u001f end", false),
                Arguments.of("chatcmpl-3", "m", "unicode é 😀 \u2028 line sep", true),
                Arguments.of("chatcmpl-4", "\u0000text\u0000", "a model holding the template's marker", false),
                Arguments.of("chatcmpl-5", "m", "\u0000text\u0000", true),
                Arguments.of("chatcmpl-6", "m", "", false));
    }

    @ParameterizedTest
    @MethodSource("chunks")
    void contentChunksAreTheBytesJacksonWrites(String id, String model, String text, boolean includeUsage) throws Exception {
        OpenAiChatStreamEncoder encoder = new OpenAiChatStreamEncoder(includeUsage);
        encoder.encode(new StreamEvent.Start(id, model, 1_700_000_000L, Usage.NONE), new StringBuilder());
        StringBuilder out = new StringBuilder();
        encoder.encode(new StreamEvent.TextDelta(0, text), out);

        ObjectNode chunk = Json.MAPPER.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L).put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.putObject("delta").put("content", text);
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        if (includeUsage) {
            chunk.putNull("usage");
        }
        assertThat(out.toString()).isEqualTo("data: " + Json.MAPPER.writeValueAsString(chunk) + "\n\n");
    }
}
