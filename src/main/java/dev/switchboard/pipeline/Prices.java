package dev.switchboard.pipeline;

import dev.switchboard.config.GatewayConfig;
import dev.switchboard.usage.ModelPrice;
import dev.switchboard.usage.PricingTable;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** The config's {@code pricing:} overrides as the pricing table takes them; omitted prices keep the bundled ones. */
final class Prices {
    private Prices() {}

    /** The bundled table, read from the jar once, with the config's overrides on top. */
    static PricingTable of(GatewayConfig config) {
        PricingTable bundled = PricingTable.load(Map.of());
        return bundled.withOverrides(overrides(config, bundled));
    }

    /** @param bundled the bundled table, without overrides: fills in the prices an override leaves out */
    private static Map<String, ModelPrice> overrides(GatewayConfig config, PricingTable bundled) {
        if (config.pricing().isEmpty()) {
            return Map.of();
        }
        Map<String, ModelPrice> out = new LinkedHashMap<>();
        config.pricing().forEach((model, p) -> {
            ModelPrice base = bundled.lookup(model).orElse(null);
            out.put(model, new ModelPrice(
                    or(p.input(), base == null ? null : base.input()),
                    or(p.output(), base == null ? null : base.output()),
                    or(p.cacheRead(), base == null ? null : base.cacheRead()),
                    or(p.cacheWrite(), base == null ? null : base.cacheWrite()),
                    or(p.reasoning(), base == null ? null : base.reasoning()),
                    base == null ? null : base.longContext()));
        });
        return out;
    }

    private static BigDecimal or(BigDecimal a, BigDecimal b) {
        return a != null ? a : b;
    }
}
