package dev.switchboard.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Jackson instances shared by the codecs. Both are immutable after construction (Jackson's factories
 * and mappers are thread-safe once configured), so sharing them is not shared mutable state.
 */
public final class Json {
    /** Bounds for bodies we produce or receive from upstreams; client bodies get their own limits. */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(256)
                    .maxStringLength(64 << 20)
                    .maxNumberLength(64)
                    .build())
            .build();

    public static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    /**
     * Reads floats as exact decimals, so values the gateway only carries (tool schemas and inputs,
     * unknown fields) are written back digit for digit. A mapper rather than a reconfigured
     * {@code ObjectReader}: the reader looks its tree deserializer up in a shared map on every call,
     * which showed up per event when translating streams. Its own factory copy, since a mapper claims
     * its factory's codec.
     */
    public static final ObjectMapper EXACT = JsonMapper.builder(FACTORY.copy())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private Json() {}

    /** A factory for client bodies with the configured depth limit. */
    public static JsonFactory clientFactory(int maxDepth, long maxBodyBytes) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(maxDepth)
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBodyBytes))
                        .maxNumberLength(64)
                        .build())
                .build();
    }
}
