package dev.switchboard.config;

import dev.switchboard.model.Timeouts;
import dev.switchboard.model.WireFormat;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One provider as resolved from the file: defaults applied, environment interpolated.
 *
 * @param baseUrl null for {@link ProviderKind#MOCK}
 * @param keys    upstream API keys, used round-robin; may be empty (local servers, mock)
 * @param models  model-name globs this provider claims (used for model resolution and listing)
 * @param headers extra headers sent upstream on every call
 */
public record ProviderConfig(
        String name,
        WireFormat format,
        ProviderKind kind,
        URI baseUrl,
        List<String> keys,
        boolean allowPrivate,
        Timeouts timeouts,
        List<String> models,
        Map<String, String> headers) {

    public ProviderConfig {
        keys = List.copyOf(keys);
        models = List.copyOf(models);
        headers = Map.copyOf(headers);
    }
}
