package dev.switchboard.config;

import java.math.BigDecimal;

/**
 * A {@code pricing:} override for one model, in USD per million tokens. A null price was not written and
 * keeps the bundled table's value (0 when the bundled table does not know the model).
 *
 * @param model as the override names it, e.g. {@code gpt-4.1} or {@code openai/gpt-4.1}
 */
public record ModelPrice(
        String model, BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheWrite,
        BigDecimal reasoning) {}
