package dev.switchboard.pipeline;

import dev.switchboard.config.LimitsConfig;
import dev.switchboard.format.ChatCodec;
import dev.switchboard.format.openai.OpenAiUsage;
import dev.switchboard.model.Endpoint;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.model.WireFormat;
import dev.switchboard.provider.HeaderLookup;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * How a committed answer travels to the client: as an SSE stream or a whole body, with which
 * framing, untouched or translated. Bytes that pass untouched keep the provider's framing, so a
 * declared length goes through.
 *
 * @param contentLength the length to declare, or -1 for chunked
 */
record RelayChoice(Relay relay, long contentLength) {

    /**
     * Same format on both sides.
     *
     * @param headers       the client's response headers, completed here with content type and caching
     * @param askedForUsage the gateway added a usage request, so the stream's bytes will change
     * @param wireCodec     the upstream format's codec, used to watch Anthropic and Gemini answers for usage
     * @param answered      runs once, before the bytes that complete the answer go to the client
     */
    static RelayChoice passthrough(ClientExchange client, Endpoint endpoint, boolean streamRequested, String contentType,
            HeaderLookup upstream, boolean askedForUsage, LimitsConfig limits, Map<String, String> headers,
            WireFormat wire, ChatCodec wireCodec, Function<GatewayError, byte[]> errorEvent, Runnable answered) {
        boolean sse = streamRequested && isSse(contentType);
        headers.put("content-type", contentType == null ? "application/json" : contentType);
        long length = askedForUsage ? -1 : contentLength(upstream);
        boolean openAi = wire == WireFormat.OPENAI || wireCodec == null;
        if (!sse) {
            Function<byte[], Usage> usageOf = openAi || endpoint != Endpoint.CHAT ? OpenAiUsage::fromBody
                    : body -> usageOrNull(wireCodec, body);
            return new RelayChoice(new BodyRelay(client, limits.maxBodyBytes(), usageOf, length, answered), length);
        }
        headers.put("cache-control", "no-cache");
        WireTap tap = openAi ? null : new WireTap(wireCodec.newStreamDecoder(), limits.maxSseLineBytes());
        return new RelayChoice(new StreamRelay(client, endpoint, askedForUsage, length >= 0, limits.maxSseLineBytes(),
                tap, errorEvent, answered), length);
    }

    /** Different formats: every answer is decoded from the upstream's format and encoded in the client's. */
    static RelayChoice translated(ClientExchange client, Translation translation, ChatCodec wireCodec, int status,
            String contentType, LimitsConfig limits, Map<String, String> headers, Consumer<GatewayError> onBadAnswer,
            Runnable answered) {
        if (!translation.dropped().isEmpty()) {
            headers.put("x-switchboard-dropped", translation.dropped().headerValue());
        }
        if (translation instanceof ChatTranslation chat && chat.request().stream() && isSse(contentType)) {
            headers.put("content-type", "text/event-stream");
            headers.put("cache-control", "no-cache");
            return new RelayChoice(new TranslatedStreamRelay(client, wireCodec.newStreamDecoder(),
                    chat.clientCodec().newStreamEncoder(chat.request()), limits.maxSseLineBytes(), answered), -1);
        }
        return new RelayChoice(new TranslatedBodyRelay(client, translation, wireCodec, status, headers,
                limits.maxBodyBytes(), onBadAnswer, answered), -1);
    }

    private static Usage usageOrNull(ChatCodec codec, byte[] body) {
        try {
            return codec.decodeResponse(body).usage();
        } catch (RuntimeException e) {
            return null; // the client got the bytes anyway; the record says no usage was seen
        }
    }

    private static boolean isSse(String contentType) {
        return contentType != null && contentType.startsWith("text/event-stream");
    }

    private static long contentLength(HeaderLookup headers) {
        String cl = headers.get("content-length");
        if (cl == null) {
            return -1;
        }
        try {
            return Long.parseLong(cl.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
