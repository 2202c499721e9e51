package dev.switchboard.format;

import com.fasterxml.jackson.core.JsonFactory;
import dev.switchboard.format.anthropic.AnthropicCodec;
import dev.switchboard.format.gemini.GeminiCodec;
import dev.switchboard.format.openai.OpenAiChatCodec;
import dev.switchboard.format.responses.ResponsesCodec;
import dev.switchboard.model.WireFormat;
import dev.switchboard.model.chat.ClientFormat;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/** The codec of each format; stateless and shared by every request. */
public final class Codecs {
    private final Map<ClientFormat, ChatCodec> byFormat;

    public Codecs(Map<ClientFormat, ChatCodec> byFormat) {
        this.byFormat = new EnumMap<>(byFormat);
    }

    /**
     * The codecs this build ships with.
     *
     * @param clientJson the parser factory with the configured depth and size limits for client bodies
     */
    public static Codecs standard(Clock clock, JsonFactory clientJson) {
        Map<ClientFormat, ChatCodec> m = new EnumMap<>(ClientFormat.class);
        m.put(ClientFormat.OPENAI_CHAT, new OpenAiChatCodec(clientJson));
        m.put(ClientFormat.OPENAI_RESPONSES, new ResponsesCodec(clientJson));
        m.put(ClientFormat.ANTHROPIC, new AnthropicCodec(clock));
        m.put(ClientFormat.GEMINI, new GeminiCodec(clock));
        return new Codecs(m);
    }

    /** The codec a client of {@code format} speaks; null when this build has none. */
    public ChatCodec client(ClientFormat format) {
        return byFormat.get(format);
    }

    /** The codec an upstream of {@code format} speaks. */
    public ChatCodec wire(WireFormat format) {
        return byFormat.get(switch (format) {
            case OPENAI -> ClientFormat.OPENAI_CHAT;
            case ANTHROPIC -> ClientFormat.ANTHROPIC;
            case GEMINI -> ClientFormat.GEMINI;
        });
    }
}
