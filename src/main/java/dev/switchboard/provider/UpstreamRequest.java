package dev.switchboard.provider;

import dev.switchboard.model.Timeouts;
import java.net.URI;
import java.util.Map;

/** A fully built upstream call: where, with which headers (provider key included), what body. */
public record UpstreamRequest(String method, URI uri, Map<String, String> headers, byte[] body, Timeouts timeouts) {
    @Override
    public String toString() {
        // headers hold the provider key: never print them
        return "UpstreamRequest[" + method + " " + uri + ", " + body.length + " bytes]";
    }
}
