package dev.switchboard.provider;

import dev.switchboard.model.Timeouts;
import dev.switchboard.model.WireFormat;
import java.util.List;

/** An endpoint the gateway can send calls to. Keys are chosen by the caller (they are pooled). */
public sealed interface Provider permits HttpProvider, MockProvider {
    String name();

    WireFormat format();

    Timeouts timeouts();

    /** Model-name globs this provider claims; listed models are the ones without wildcards. */
    List<String> models();

    /** @param key the provider key to use, or null when the provider needs none */
    UpstreamRequest request(UpstreamOp op, byte[] body, String key, String requestId);
}
