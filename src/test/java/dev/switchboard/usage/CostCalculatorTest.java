package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.model.Usage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CostCalculatorTest {
    private final CostCalculator calc = new CostCalculator(PricingTable.load(Map.of()));

    private static Usage usage(long in, long out, long cacheRead, long cacheWrite, long reasoning) {
        return new Usage(in, out, cacheRead, cacheWrite, reasoning, false);
    }

    @Test
    void openAiCachedInputAndReasoning() {
        // gpt-4.1: 800 uncached × $2 + 200 cached × $0.50 + 400 visible × $8 + 100 reasoning × $8, per million
        Cost c = calc.cost("gpt-4.1", usage(1000, 500, 200, 0, 100));
        assertThat(c.usd()).isEqualByComparingTo("0.0057");
        assertThat(c.nanos()).isEqualTo(5_700_000L);
    }

    @Test
    void anthropicCacheReadsAndWrites() {
        // claude-sonnet-4-5: 4000 × $3 + 4000 × $0.30 + 2000 × $3.75 + 1000 × $15 = 35,700 µ$ per million
        Cost c = calc.cost("claude-sonnet-4-5-20250929", usage(10_000, 1000, 4000, 2000, 0));
        assertThat(c.usd()).isEqualByComparingTo("0.0357");
    }

    @Test
    void longPromptsAreBilledAtTheLongContextRatesForEveryToken() {
        Cost atThreshold = calc.cost("claude-sonnet-4-5", usage(200_000, 1000, 0, 0, 0));
        assertThat(atThreshold.usd()).isEqualByComparingTo("0.615"); // 200k × $3 + 1k × $15
        Cost above = calc.cost("claude-sonnet-4-5", usage(250_000, 1000, 0, 0, 0));
        assertThat(above.usd()).isEqualByComparingTo("1.5225"); // 250k × $6 + 1k × $22.50
        Cost gemini = calc.cost("gemini-2.5-pro", usage(300_000, 0, 100_000, 0, 0));
        assertThat(gemini.usd()).isEqualByComparingTo("0.525"); // 200k × $2.50 + 100k × $0.25
    }

    @Test
    void geminiThinkingIsBilledAsOutput() {
        Cost c = calc.cost("gemini-2.5-flash", usage(1_000_000, 1_000_000, 0, 0, 600_000));
        assertThat(c.usd()).isEqualByComparingTo("2.80"); // $0.30 + $2.50
    }

    @Test
    void unknownModelsAreUnpricedNotFree() {
        Cost c = calc.cost("my-local-llama", usage(100, 100, 0, 0, 0));
        assertThat(c.priced()).isFalse();
        assertThat(c.nanos()).isNull();
        assertThat(calc.cost("gpt-4.1", null).usd()).isEqualByComparingTo("0");
    }

    @Test
    void inconsistentCountsNeverBillNegativeTokens() {
        // cached parts larger than the input, reasoning larger than the output
        Cost c = calc.cost("gpt-4.1", usage(100, 10, 150, 0, 30));
        // 0 uncached + 150 × $0.50 + 0 visible + 30 × $8 = 75 + 240 = 315 per million
        assertThat(c.usd()).isEqualByComparingTo("0.000315");
    }

    @Provide
    Arbitrary<String> bundledModel() throws Exception {
        List<String> models = new ArrayList<>();
        PricingTableTest.bundledModels().forEach(models::add);
        return Arbitraries.of(models);
    }

    @Property(tries = 300)
    void bundledCostsAreExactAndBehave(@ForAll("bundledModel") String model,
            @ForAll @LongRange(min = 1, max = 2_000_000) long uncached, @ForAll @LongRange(max = 500_000) long cacheRead,
            @ForAll @LongRange(max = 500_000) long cacheWrite, @ForAll @LongRange(max = 200_000) long visible,
            @ForAll @LongRange(max = 200_000) long reasoning) {
        long input = uncached + cacheRead + cacheWrite;
        Usage u = usage(input, visible + reasoning, cacheRead, cacheWrite, reasoning);
        BigDecimal total = calc.cost(model, u).usd();
        // exact in the stored unit: no rounding happens for published prices
        assertThat(total.stripTrailingZeros().scale()).isLessThanOrEqualTo(9);
        assertThat(total.signum()).isGreaterThanOrEqualTo(0);

        // one more reasoning token costs exactly the reasoning price of the request's tier
        ModelPrice rates = PricingTable.load(Map.of()).lookup(model).orElseThrow().ratesFor(input);
        BigDecimal oneMore = calc.cost(model, usage(input, visible + reasoning + 1, cacheRead, cacheWrite,
                reasoning + 1)).usd();
        assertThat(oneMore.subtract(total)).isEqualByComparingTo(rates.reasoning().movePointLeft(6));

        // a prompt token served from the cache never costs more than an uncached one
        BigDecimal cachedInstead = calc.cost(model, usage(input, visible + reasoning, cacheRead + 1, cacheWrite,
                reasoning)).usd();
        assertThat(cachedInstead).isLessThanOrEqualTo(total);
    }
}
