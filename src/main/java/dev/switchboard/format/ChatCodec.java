package dev.switchboard.format;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;
import dev.switchboard.model.chat.ClientFormat;

/**
 * One wire format's translation to and from the canonical model: pure functions of bytes and
 * records. The same codec serves both sides: decode what a client of this format sends and encode
 * what an upstream of this format expects, and the reverse for answers.
 */
public interface ChatCodec {

    ClientFormat format();

    /**
     * Parses a client request. {@code pathModel} and {@code pathStream} come from the URL where the
     * format puts them there (Gemini); otherwise null/false and the body decides.
     *
     * @throws GatewayError INVALID_REQUEST naming the offending field
     */
    ChatRequest decodeRequest(byte[] body, String pathModel, boolean pathStream);

    /**
     * Encodes a request for an upstream of this format. Fields the target cannot honour throw
     * {@link GatewayError#invalid} naming the field; fields safe to drop are added to {@code dropped}.
     */
    byte[] encodeRequest(ChatRequest request, Dropped dropped);

    /** Parses an upstream's complete answer; a body that is not this format's answer throws UPSTREAM_ERROR. */
    ChatResponse decodeResponse(byte[] body);

    /** Renders an answer for a client of this format; {@code request} is the client's own request. */
    byte[] encodeResponse(ChatResponse response, ChatRequest request);

    StreamDecoder newStreamDecoder();

    StreamEncoder newStreamEncoder(ChatRequest request);

    /** The status a client of this format expects for a kind of error (Anthropic overload is 529). */
    default int errorStatus(ErrorKind kind) {
        return kind.status();
    }

    /** The error body a client of this format's SDK parses. Never includes secrets. */
    byte[] encodeError(GatewayError error);

    /** An upstream error answer of this format as a canonical error (message and type kept). */
    GatewayError decodeError(int status, byte[] body);
}
