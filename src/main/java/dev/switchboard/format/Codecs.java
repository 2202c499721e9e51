package dev.switchboard.format;

import dev.switchboard.model.WireFormat;
import dev.switchboard.model.chat.ClientFormat;
import java.util.EnumMap;
import java.util.Map;

/** The codec of each format; stateless and shared by every request. */
public final class Codecs {
    private final Map<ClientFormat, ChatCodec> byFormat;

    public Codecs(Map<ClientFormat, ChatCodec> byFormat) {
        this.byFormat = new EnumMap<>(byFormat);
    }

    /** The codecs this build ships with. */
    public static Codecs standard() {
        Map<ClientFormat, ChatCodec> m = new EnumMap<>(ClientFormat.class);
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
