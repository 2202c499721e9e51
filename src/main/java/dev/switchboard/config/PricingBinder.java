package dev.switchboard.config;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code pricing:} → per-model price overrides, USD per million tokens. */
final class PricingBinder {
    private PricingBinder() {}

    /** @param section the {@code pricing:} mapping, or null when absent */
    static Map<String, ModelPrice> bind(Binding b, YamlNode.Mapping section) {
        Map<String, ModelPrice> prices = new LinkedHashMap<>();
        if (section == null) {
            return prices;
        }
        for (YamlNode.Entry e : section.entries().values()) {
            String path = ConfigPath.child("pricing", e.key());
            int problemsBefore = b.problems.size();
            Fields f = b.fields(e.value(), path, e.keyLine(), "input", "output", "cache_read", "cache_write", "reasoning");
            if (f == null) {
                continue;
            }
            BigDecimal input = f.decimal("input");
            BigDecimal output = f.decimal("output");
            BigDecimal cacheRead = f.decimal("cache_read");
            BigDecimal cacheWrite = f.decimal("cache_write");
            BigDecimal reasoning = f.decimal("reasoning");
            if (input == null && output == null && cacheRead == null && cacheWrite == null && reasoning == null
                    && b.problems.size() == problemsBefore) {
                // Most likely a typo'd indentation; an override that overrides nothing is never what was meant.
                b.problem(path, e.keyLine(), "no prices given; set input, output, cache_read, cache_write or reasoning");
            }
            if (b.problems.size() == problemsBefore) {
                prices.put(e.key(), new ModelPrice(e.key(), input, output, cacheRead, cacheWrite, reasoning));
            }
        }
        return prices;
    }
}
