package dev.switchboard.tenancy;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Spending is counted in whole nano-dollars (10⁻⁹ USD): integers add exactly in memory and with Redis
 * INCRBY, where floating-point sums would drift, and a token at the cheapest current price is still
 * several nano-dollars. Within Lua's exact integer range (2⁵³) this covers budgets up to $9 million.
 */
public final class Money {
    private static final int NANOS_SCALE = 9;

    private Money() {}

    public static long toNanos(BigDecimal usd) {
        return usd.movePointRight(NANOS_SCALE).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    public static BigDecimal toUsd(long nanos) {
        return BigDecimal.valueOf(nanos, NANOS_SCALE).stripTrailingZeros();
    }
}
