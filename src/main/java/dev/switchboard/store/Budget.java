package dev.switchboard.store;

import java.math.BigDecimal;
import java.util.Objects;

/** A spending cap in USD per calendar period (UTC). Stored as nano-USD so sums stay exact. */
public record Budget(BigDecimal usd, Period period) {
    public enum Period {
        DAY, WEEK, MONTH;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Period parse(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public Budget {
        Objects.requireNonNull(usd, "usd");
        Objects.requireNonNull(period, "period");
        if (usd.signum() < 0) {
            throw new IllegalArgumentException("budget must not be negative");
        }
        usd = UsdNanos.toUsd(UsdNanos.fromUsd(usd)); // the stored precision, so a read-back row equals the written one
    }
}
