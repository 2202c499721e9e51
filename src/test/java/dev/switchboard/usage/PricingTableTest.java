package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricingTableTest {
    private final PricingTable table = PricingTable.load(Map.of());

    private BigDecimal input(String model) {
        return table.lookup(model).orElseThrow(() -> new AssertionError("no price for " + model)).input();
    }

    @Test
    void bundledTableIsDated() {
        assertThat(table.asOf()).isAfterOrEqualTo(LocalDate.of(2026, 11, 1));
    }

    @Test
    void exactIdsAndDatedSnapshotsFindTheirFamily() {
        assertThat(input("gpt-4.1")).isEqualByComparingTo("2.00");
        assertThat(input("gpt-4o-mini-2024-07-18")).isEqualByComparingTo("0.15");
        assertThat(input("gpt-4o-2024-08-06")).isEqualByComparingTo("2.50");
        assertThat(input("claude-sonnet-4-5-20250929")).isEqualByComparingTo("3");
        assertThat(input("claude-opus-4-20250514")).isEqualByComparingTo("15");
        assertThat(input("claude-opus-4-5-20251101")).isEqualByComparingTo("5");
        assertThat(input("claude-3-5-haiku-latest")).isEqualByComparingTo("0.80");
        assertThat(input("gemini-2.5-flash-lite-preview-06-17")).isEqualByComparingTo("0.10");
        assertThat(input("gemini-2.5-flash-preview-05-20")).isEqualByComparingTo("0.30");
        assertThat(input("gemini-3-pro-preview")).isEqualByComparingTo("2.00");
    }

    @Test
    void providerPathsAndVendorPrefixesAreIgnored() {
        assertThat(input("openai/gpt-4.1-mini")).isEqualByComparingTo("0.40");
        assertThat(input("models/gemini-2.5-pro")).isEqualByComparingTo("1.25");
        assertThat(input("claude-haiku-4-5@20251001")).isEqualByComparingTo("1");
        assertThat(input("us.anthropic.claude-haiku-4-5-20251001-v1:0")).isEqualByComparingTo("1");
        assertThat(input("GPT-4.1")).isEqualByComparingTo("2.00");
    }

    @Test
    void aPrefixMatchesOnlyAtAWordBoundary() {
        assertThat(table.lookup("gpt-4.1x")).isEmpty();
        assertThat(table.lookup("o3x")).isEmpty();
        assertThat(table.lookup("llama-3.1-8b")).isEmpty();
        assertThat(table.lookup("")).isEmpty();
        assertThat(table.lookup(null)).isEmpty();
    }

    @Test
    void overridesWinOverTheBundledTableAndMayBeGlobs() {
        PricingTable custom = PricingTable.load(Map.of(
                "gpt-4.1", ModelPrice.of("1", "4"),
                "llama-*", ModelPrice.of("0", "0"),
                "claude-*", ModelPrice.of("9", "9")));
        assertThat(custom.lookup("gpt-4.1").orElseThrow().input()).isEqualByComparingTo("1");
        assertThat(custom.lookup("local/llama-3.1-8b-instruct").orElseThrow().output()).isEqualByComparingTo("0");
        assertThat(custom.lookup("claude-sonnet-4-5").orElseThrow().input()).isEqualByComparingTo("9");
        assertThat(custom.lookup("gpt-4o").orElseThrow().input()).isEqualByComparingTo("2.50");
    }

    @Test
    void anotherSetOfOverridesSharesTheBundledPricesAndLeavesTheFirstTableAlone() {
        PricingTable custom = table.withOverrides(Map.of("gpt-4.1", ModelPrice.of("1", "4")));
        assertThat(custom.lookup("gpt-4.1").orElseThrow().input()).isEqualByComparingTo("1");
        assertThat(custom.lookup("gpt-4o").orElseThrow().input()).isEqualByComparingTo("2.50");
        assertThat(custom.asOf()).isEqualTo(table.asOf());
        assertThat(input("gpt-4.1")).isEqualByComparingTo("2.00");
    }

    @Test
    void defaultsForCacheAndReasoningPrices() {
        ModelPrice p = ModelPrice.of("2", "8");
        assertThat(p.cacheRead()).isEqualByComparingTo("2");
        assertThat(p.cacheWrite()).isEqualByComparingTo("2");
        assertThat(p.reasoning()).isEqualByComparingTo("8");
        assertThatThrownBy(() -> ModelPrice.of("-1", "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyBundledPriceIsAWholeNanoDollarPerTokenAndCachedReadsAreCheaper() throws Exception {
        for (String model : bundledModels()) {
            ModelPrice p = table.lookup(model).orElseThrow();
            for (ModelPrice rates : p.longContext() == null ? new ModelPrice[] {p}
                    : new ModelPrice[] {p, p.longContext().rates()}) {
                for (BigDecimal price : new BigDecimal[] {rates.input(), rates.output(), rates.cacheRead(),
                        rates.cacheWrite(), rates.reasoning()}) {
                    assertThat(price.stripTrailingZeros().scale()).as(model).isLessThanOrEqualTo(3);
                }
                assertThat(rates.cacheRead()).as(model).isLessThanOrEqualTo(rates.input());
            }
        }
    }

    @Test
    void aTableWithoutAnInputPriceIsRejected() {
        String json = "{\"as_of\":\"2026-11-01\",\"models\":{\"m\":{\"output\":1}}}";
        assertThatThrownBy(() -> PricingTable.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                Map.of())).hasMessageContaining("m has no input");
    }

    static Iterable<String> bundledModels() throws Exception {
        try (var in = PricingTable.class.getClassLoader().getResourceAsStream(PricingTable.BUNDLED)) {
            var names = new com.fasterxml.jackson.databind.ObjectMapper().readTree(in).path("models").fieldNames();
            return () -> names;
        }
    }
}
