package dev.switchboard.usage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Prices of one model in USD per million tokens.
 *
 * @param cacheRead   price of prompt tokens read from the provider's cache; defaults to {@code input}
 * @param cacheWrite  price of prompt tokens written to the cache; defaults to {@code input}
 * @param reasoning   price of reasoning (thinking) tokens; defaults to {@code output}
 * @param longContext higher rates for requests with long prompts, or null
 */
public record ModelPrice(
        BigDecimal input,
        BigDecimal output,
        BigDecimal cacheRead,
        BigDecimal cacheWrite,
        BigDecimal reasoning,
        LongContext longContext) {

    /**
     * Anthropic's and Gemini's long-prompt tier: when a request's input (cached tokens included) is
     * above {@code aboveInputTokens}, every token of that request is billed at {@code rates}.
     */
    public record LongContext(long aboveInputTokens, ModelPrice rates) {
        public LongContext {
            Objects.requireNonNull(rates, "rates");
            if (rates.longContext() != null) {
                throw new IllegalArgumentException("a long-context tier cannot have a tier of its own");
            }
        }
    }

    public ModelPrice {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        cacheRead = cacheRead == null ? input : cacheRead;
        cacheWrite = cacheWrite == null ? input : cacheWrite;
        reasoning = reasoning == null ? output : reasoning;
        for (BigDecimal p : new BigDecimal[] {input, output, cacheRead, cacheWrite, reasoning}) {
            if (p.signum() < 0) {
                throw new IllegalArgumentException("prices must not be negative");
            }
        }
    }

    /** Input and output prices only; cached tokens at the input price, reasoning at the output price. */
    public static ModelPrice of(String inputPerMillion, String outputPerMillion) {
        return new ModelPrice(new BigDecimal(inputPerMillion), new BigDecimal(outputPerMillion), null, null, null, null);
    }

    /** The rates that apply to a request with {@code inputTokens} prompt tokens. */
    ModelPrice ratesFor(long inputTokens) {
        return longContext != null && inputTokens > longContext.aboveInputTokens() ? longContext.rates() : this;
    }
}
