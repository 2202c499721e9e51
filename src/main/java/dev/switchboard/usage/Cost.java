package dev.switchboard.usage;

import dev.switchboard.store.UsdNanos;
import java.math.BigDecimal;

/**
 * What one request cost, exactly.
 *
 * @param usd    exact USD (null when the model has no known price)
 */
public record Cost(BigDecimal usd) {
    /** No price is known for the model: the record stores no cost rather than a wrong zero. */
    public static final Cost UNPRICED = new Cost(null);

    public boolean priced() {
        return usd != null;
    }

    /** Nano-USD as stored (rounded half-even below a nano-dollar), or null when unpriced. */
    public Long nanos() {
        return usd == null ? null : UsdNanos.fromUsd(usd);
    }
}
