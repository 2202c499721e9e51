package dev.switchboard.store;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Money in the database: whole nano-dollars (1e-9 USD) in a BIGINT. Published per-million-token
 * prices have at most three decimals, so one token's price is a whole number of nano-dollars and
 * sums of costs are exact integers on both engines (SQLite has no exact NUMERIC).
 */
public final class UsdNanos {
    private static final int SCALE = 9;

    private UsdNanos() {}

    /** USD → nanos, rounding half-even only below a nano-dollar. */
    public static long fromUsd(BigDecimal usd) {
        return usd.setScale(SCALE, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
    }

    /** Nanos → USD without trailing zeros (50.125, not 50.125000000; 50, not 5E+1). */
    public static BigDecimal toUsd(long nanos) {
        BigDecimal usd = BigDecimal.valueOf(nanos, SCALE).stripTrailingZeros();
        return usd.scale() < 0 ? usd.setScale(0) : usd;
    }
}
