package dev.switchboard.usage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Model prices: the bundled, dated table plus per-model overrides from the config file.
 *
 * <p>Lookup of a model id (case-insensitive; a {@code provider/} or {@code models/} path prefix and
 * a Bedrock-style {@code anthropic.} prefix are ignored): overrides first, then the bundled table; in
 * each, the exact id, else the longest pattern that matches. A pattern is an entry that the id starts
 * with followed by {@code -}, {@code @} or {@code :} (so {@code claude-sonnet-4-5-20250929} finds
 * {@code claude-sonnet-4-5} but {@code gpt-4o} is not found by {@code gpt-4}), or a glob with {@code *}.
 */
public final class PricingTable {
    /** The bundled table; its {@code as_of} says when the prices were checked. */
    public static final String BUNDLED = "pricing/pricing-2026-11.json";
    private static final Pattern BEDROCK_PREFIX = Pattern.compile("^(?:[a-z]{2,4}\\.)?anthropic\\.");

    private final LocalDate asOf;
    private final ModelPatterns<ModelPrice> overrides;
    private final ModelPatterns<ModelPrice> bundled;
    /**
     * Lookups by the id as given: every request is priced, the same few ids come back all day, and a
     * pattern scan plus normalising costs microseconds on the event loop. Bounded, since the id is what
     * the provider answered with.
     */
    private final Cache<String, Optional<ModelPrice>> resolved = Caffeine.newBuilder().maximumSize(4096).build();

    PricingTable(LocalDate asOf, Map<String, ModelPrice> bundled, Map<String, ModelPrice> overrides) {
        this(asOf, new ModelPatterns<>(bundled), overrides);
    }

    private PricingTable(LocalDate asOf, ModelPatterns<ModelPrice> bundled, Map<String, ModelPrice> overrides) {
        this.asOf = asOf;
        this.bundled = bundled;
        this.overrides = new ModelPatterns<>(overrides);
    }

    /** The bundled table with {@code overrides} (model id or pattern → price) taking precedence. */
    public static PricingTable load(Map<String, ModelPrice> overrides) {
        try (InputStream in = PricingTable.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("pricing table missing from the jar: " + BUNDLED);
            }
            return parse(in, overrides);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUNDLED, e);
        }
    }

    static PricingTable parse(InputStream json, Map<String, ModelPrice> overrides) throws IOException {
        JsonNode root = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(json);
        Map<String, ModelPrice> models = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("models").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            models.put(e.getKey(), price(e.getValue(), e.getKey()));
        }
        return new PricingTable(LocalDate.parse(root.path("as_of").asText()), models, overrides);
    }

    private static ModelPrice price(JsonNode n, String model) {
        JsonNode tier = n.get("long_context");
        ModelPrice.LongContext longContext = tier == null ? null
                : new ModelPrice.LongContext(tier.path("above_input_tokens").asLong(), price(tier, model));
        return new ModelPrice(required(n, "input", model), required(n, "output", model), optional(n, "cache_read"),
                optional(n, "cache_write"), optional(n, "reasoning"), longContext);
    }

    private static BigDecimal required(JsonNode n, String field, String model) {
        BigDecimal v = optional(n, field);
        if (v == null) {
            throw new IllegalStateException("pricing entry " + model + " has no " + field + " price");
        }
        return v;
    }

    private static BigDecimal optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.decimalValue();
    }

    /**
     * This table's bundled prices with other {@code overrides}: the config's overrides are built from the
     * bundled prices, so the table is parsed once and shared rather than read again from the jar.
     */
    public PricingTable withOverrides(Map<String, ModelPrice> overrides) {
        return new PricingTable(asOf, bundled, overrides);
    }

    /** The price of {@code model}, or empty when neither overrides nor the bundled table know it. */
    public Optional<ModelPrice> lookup(String model) {
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        return resolved.get(model, m -> {
            String id = normalize(m);
            return overrides.find(id).or(() -> bundled.find(id));
        });
    }

    /** When the bundled prices were checked. */
    public LocalDate asOf() {
        return asOf;
    }

    static String normalize(String model) {
        String id = model.strip().toLowerCase(Locale.ROOT);
        id = id.substring(id.lastIndexOf('/') + 1);
        return BEDROCK_PREFIX.matcher(id).replaceFirst("");
    }
}
