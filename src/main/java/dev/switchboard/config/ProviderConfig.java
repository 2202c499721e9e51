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
 * @param maxConcurrent calls in flight to this provider; 0 for no limit of its own
 * @param resilience breaker, retry and key settings: the provider's own over {@code defaults.resilience}
 *     (resolved: no field null)
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
        Map<String, String> headers,
        int maxConcurrent,
        ResilienceConfig resilience) {

    public ProviderConfig {
        java.util.Objects.requireNonNull(resilience, "resilience");
        keys = List.copyOf(keys);
        models = List.copyOf(models);
        headers = Map.copyOf(headers);
    }

    /** Masks keys and header values (often auth tokens), so that logging a snapshot leaks nothing. */
    @Override
    public String toString() {
        return "ProviderConfig[name=" + name + ", format=" + format + ", kind=" + kind + ", baseUrl="
                + (baseUrl == null ? null : ConfigDescription.maskUrl(baseUrl.toString()))
                + ", keys=" + keys.stream().map(Secrets::mask).toList() + ", allowPrivate=" + allowPrivate
                + ", maxConcurrent=" + maxConcurrent + ", resilience=" + resilience
                + ", timeouts=" + timeouts + ", models=" + models + ", headers="
                + headers.keySet().stream().sorted().map(k -> k + "=" + Secrets.mask(headers.get(k))).toList() + "]";
    }
}
