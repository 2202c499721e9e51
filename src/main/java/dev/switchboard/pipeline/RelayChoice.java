package dev.switchboard.pipeline;

import dev.switchboard.config.LimitsConfig;
import dev.switchboard.model.Endpoint;
import dev.switchboard.provider.HeaderLookup;
import java.util.Map;

/**
 * How a committed answer travels to the client: as an SSE stream or a whole body, with which
 * framing. Bytes that pass untouched keep the provider's framing, so a declared length goes through.
 *
 * @param contentLength the length to declare, or -1 for chunked
 */
record RelayChoice(Relay relay, long contentLength) {

    /**
     * @param headers       the client's response headers, completed here with content type and caching
     * @param askedForUsage the gateway added a usage request, so the stream's bytes will change
     */
    static RelayChoice of(ClientExchange client, Endpoint endpoint, boolean streamRequested, String contentType,
            HeaderLookup upstream, boolean askedForUsage, LimitsConfig limits, Map<String, String> headers) {
        boolean sse = streamRequested && contentType != null && contentType.startsWith("text/event-stream");
        headers.put("content-type", contentType == null ? "application/json" : contentType);
        long length = askedForUsage ? -1 : contentLength(upstream);
        if (!sse) {
            return new RelayChoice(new BodyRelay(client, limits.maxBodyBytes()), length);
        }
        headers.put("cache-control", "no-cache");
        return new RelayChoice(new StreamRelay(client, endpoint, askedForUsage, length >= 0, limits.maxSseLineBytes()), length);
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
