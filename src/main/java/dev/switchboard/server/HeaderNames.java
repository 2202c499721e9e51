package dev.switchboard.server;

import io.vertx.core.http.HttpHeaders;
import java.util.Map;

/**
 * Pre-encoded names of the headers the gateway reads and writes on every request. Vert.x validates and
 * hashes a String header name each time it is used; an optimized name is validated once and carries
 * its hash, which is measurable on the hot path.
 */
final class HeaderNames {
    private static final Map<String, CharSequence> KNOWN = Map.ofEntries(
            entry("authorization"), entry("x-api-key"), entry("x-request-id"), entry("x-switchboard-request-id"),
            entry("content-type"),
            entry("content-length"), entry("cache-control"), entry("x-switchboard-provider"),
            entry("x-upstream-response-time"), entry("retry-after"), entry("accept"));

    private HeaderNames() {}

    /** The optimized form of a known name, or the name itself. */
    static CharSequence of(String name) {
        CharSequence known = KNOWN.get(name);
        return known != null ? known : name;
    }

    private static Map.Entry<String, CharSequence> entry(String name) {
        return Map.entry(name, HttpHeaders.createOptimized(name));
    }
}
