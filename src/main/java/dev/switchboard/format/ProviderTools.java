package dev.switchboard.format;

import dev.switchboard.model.GatewayError;
import dev.switchboard.model.WireFormat;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.ProviderTool;
import java.util.List;
import java.util.Locale;

/**
 * What an encoder does with a request's {@link ProviderTool}s: those of its own format go back as they
 * came; those of another format are refused with a 400 naming the tool, as a request translated without
 * its web search or code execution would be answered without them, which is not what the client asked.
 */
public final class ProviderTools {
    private ProviderTools() {}

    /**
     * The provider tools an encoder for {@code own} puts back.
     *
     * @param wire the provider format the encoder writes for, named in the refusal
     * @throws GatewayError INVALID_REQUEST naming the first tool when they are another format's
     */
    public static List<ProviderTool> own(ChatRequest r, ClientFormat own, WireFormat wire) {
        if (r.providerTools().isEmpty() || r.source() == own) {
            return r.providerTools();
        }
        ProviderTool t = r.providerTools().getFirst();
        String family = family(r.source());
        throw GatewayError.invalid(t.path() + " is not supported by provider format " + wire.name().toLowerCase(Locale.ROOT)
                + ": '" + t.type() + "' is " + (family.equals("Gemini") ? "a " : "an ") + family
                + " tool that only " + family + " providers run", t.path());
    }

    private static String family(ClientFormat source) {
        return switch (source) {
            case OPENAI_CHAT, OPENAI_RESPONSES -> "OpenAI";
            case ANTHROPIC -> "Anthropic";
            case GEMINI -> "Gemini";
            case null -> "unknown";
        };
    }
}
