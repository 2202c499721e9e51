package dev.switchboard.format.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.StreamText;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Chunks are written from an envelope made once per stream; every kind must be byte for byte the chunk
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
                Arguments.of("chatcmpl-4", "\u0000text\u0000", "a model holding a NUL", false),
                Arguments.of("chatcmpl-5", "m", "</script>\u007f", true),
                Arguments.of("chatcmpl-6", "m", "", false));
    }

    @ParameterizedTest
    @MethodSource("chunks")
    void contentChunksAreTheBytesJacksonWrites(String id, String model, String text, boolean includeUsage) {
        assertThat(encoded(id, model, includeUsage, new StreamEvent.TextDelta(0, text)))
                .isEqualTo(expected(id, model, includeUsage, null, d -> d.put("content", text)));
    }

    @ParameterizedTest
    @MethodSource("chunks")
    void theRoleChunkIsTheBytesJacksonWrites(String id, String model, String text, boolean includeUsage) {
        OpenAiChatStreamEncoder encoder = new OpenAiChatStreamEncoder(includeUsage);
        StreamText out = new StreamText();
        encoder.encode(new StreamEvent.Start(id, model, 1_700_000_000L, Usage.NONE), out);
        assertThat(out.toString()).isEqualTo(expected(id, model, includeUsage, null,
                d -> d.put("role", "assistant").put("content", "")));
    }

    @ParameterizedTest
    @MethodSource("chunks")
    void toolChunksAreTheBytesJacksonWrites(String id, String model, String text, boolean includeUsage) {
        OpenAiChatStreamEncoder encoder = new OpenAiChatStreamEncoder(includeUsage);
        encoder.encode(new StreamEvent.Start(id, model, 1_700_000_000L, Usage.NONE), new StreamText());
        StreamText start = new StreamText();
        encoder.encode(new StreamEvent.BlockStart(3, BlockKind.TOOL_CALL, "call_1", "get_weather", null, null), start);
        StreamText args = new StreamText();
        encoder.encode(new StreamEvent.ToolArgsDelta(3, text), args);

        assertThat(start.toString()).isEqualTo(expected(id, model, includeUsage, null, d -> {
            ObjectNode call = d.putArray("tool_calls").addObject().put("index", 0).put("id", "call_1").put("type", "function");
            call.putObject("function").put("name", "get_weather").put("arguments", "");
        }));
        assertThat(args.toString()).isEqualTo(expected(id, model, includeUsage, null,
                d -> d.putArray("tool_calls").addObject().put("index", 0).putObject("function").put("arguments", text)));
    }

    @ParameterizedTest
    @MethodSource("chunks")
    void theFinishAndUsageChunksAreTheBytesJacksonWrites(String id, String model, String text, boolean includeUsage)
            throws Exception {
        Usage usage = new Usage(212, 48, 7, 0, 5, false);
        String all = encoded(id, model, includeUsage, new StreamEvent.Finish(StopReason.MAX_TOKENS, null, usage));
        String finish = all.substring(0, all.indexOf("\n\n") + 2);
        assertThat(finish).isEqualTo(expected(id, model, includeUsage, "length", d -> { }));
        assertThat(all).endsWith("data: [DONE]\n\n");
        if (includeUsage) {
            ObjectNode last = Json.MAPPER.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                    .put("created", 1_700_000_000L).put("model", model);
            last.putArray("choices");
            last.set("usage", UsageJson.chat(usage));
            String usageChunk = all.substring(finish.length(), all.length() - "data: [DONE]\n\n".length());
            assertThat(usageChunk).isEqualTo("data: " + Json.MAPPER.writeValueAsString(last) + "\n\n");
        }
    }

    static String encoded(String id, String model, boolean includeUsage, StreamEvent event) {
        OpenAiChatStreamEncoder encoder = new OpenAiChatStreamEncoder(includeUsage);
        encoder.encode(new StreamEvent.Start(id, model, 1_700_000_000L, Usage.NONE), new StreamText());
        StreamText out = new StreamText();
        encoder.encode(event, out);
        return out.toString();
    }

    static String expected(String id, String model, boolean includeUsage, String finishReason,
            Consumer<ObjectNode> delta) {
        ObjectNode chunk = Json.MAPPER.createObjectNode().put("id", id).put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L).put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        delta.accept(choice.putObject("delta"));
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (includeUsage) {
            chunk.putNull("usage");
        }
        try {
            return "data: " + Json.MAPPER.writeValueAsString(chunk) + "\n\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
