package dev.switchboard.usage;

import dev.switchboard.model.Usage;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Prices a request's {@link Usage} with exact decimal arithmetic.
 *
 * <p>The rule, following how the vendors bill:
 * <ul>
 *   <li>{@code usage.input} is every prompt token, cached ones included; {@code cacheRead} and
 *       {@code cacheWrite} are the parts of it read from and written to the provider's prompt cache.
 *       Uncached input = input − cacheRead − cacheWrite, billed at the input price; cache reads at the
 *       cache-read price; cache writes at the cache-write price.</li>
 *   <li>{@code usage.output} is every generated token, reasoning included; {@code reasoning} is the
 *       part spent thinking. Visible output = output − reasoning at the output price, reasoning at the
 *       reasoning price (the output price unless the table says otherwise).</li>
 *   <li>A model with a long-context tier bills every token of a request whose input exceeds the
 *       tier's threshold at the tier's rates.</li>
 *   <li>Inconsistent counts never bill negative tokens: when the cached parts exceed the input, no
 *       uncached input is billed; when reasoning exceeds output, no visible output is billed.</li>
 * </ul>
 * cost = Σ tokens × price-per-million / 1,000,000, no rounding (see {@link Cost#nanos()} for storage).
 */
public final class CostCalculator {
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    private final PricingTable prices;

    public CostCalculator(PricingTable prices) {
        this.prices = prices;
    }

    /** The cost of {@code usage} on {@code model}, or {@link Cost#UNPRICED} when its price is unknown. */
    public Cost cost(String model, Usage usage) {
        if (usage == null) {
            return new Cost(BigDecimal.ZERO);
        }
        return prices.lookup(model).map(p -> new Cost(cost(p, usage))).orElse(Cost.UNPRICED);
    }

    static BigDecimal cost(ModelPrice price, Usage u) {
        ModelPrice r = price.ratesFor(u.input());
        long uncached = Math.max(0, u.input() - u.cacheRead() - u.cacheWrite());
        long visible = Math.max(0, u.output() - u.reasoning());
        BigDecimal perMillion = times(uncached, r.input())
                .add(times(u.cacheRead(), r.cacheRead()))
                .add(times(u.cacheWrite(), r.cacheWrite()))
                .add(times(visible, r.output()))
                .add(times(u.reasoning(), r.reasoning()));
        return perMillion.divide(MILLION, MathContext.UNLIMITED).stripTrailingZeros();
    }

    private static BigDecimal times(long tokens, BigDecimal pricePerMillion) {
        return BigDecimal.valueOf(Math.max(0, tokens)).multiply(pricePerMillion);
    }
}
