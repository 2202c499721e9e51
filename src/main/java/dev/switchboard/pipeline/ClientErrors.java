package dev.switchboard.pipeline;

import dev.switchboard.format.ChatCodec;
import dev.switchboard.format.Codecs;
import dev.switchboard.format.openai.OpenAiErrors;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ClientFormat;
import java.nio.charset.StandardCharsets;

/**
 * Errors in the client's own format: the status its SDK maps to the right exception, the JSON shape it
 * parses, and the event that ends a stream it is reading.
 */
final class ClientErrors {
    private final Codecs codecs;

    ClientErrors(Codecs codecs) {
        this.codecs = codecs;
    }

    int status(ClientFormat format, GatewayError error) {
        ChatCodec codec = nonOpenAi(format);
        return codec == null ? error.status() : codec.errorStatus(error.kind());
    }

    byte[] body(ClientFormat format, GatewayError error) {
        ChatCodec codec = nonOpenAi(format);
        return codec == null ? OpenAiErrors.body(error) : codec.encodeError(error);
    }

    /** The event that ends a relayed (untranslated) stream of this format after an upstream failure. */
    byte[] streamEvent(ClientFormat format, GatewayError error) {
        return switch (format) {
            case OPENAI_CHAT, OPENAI_RESPONSES -> OpenAiErrors.streamEvent(error);
            case ANTHROPIC -> sse("event: error\ndata: ", body(format, error));
            case GEMINI -> sse("data: ", body(format, error));
        };
    }

    private ChatCodec nonOpenAi(ClientFormat format) {
        return format == ClientFormat.OPENAI_CHAT || format == ClientFormat.OPENAI_RESPONSES ? null : codecs.client(format);
    }

    private static byte[] sse(String prefix, byte[] json) {
        byte[] head = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + json.length + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(json, 0, out, head.length, json.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }
}
