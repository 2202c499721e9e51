package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.Reasoning;
import java.util.Locale;

/**
 * {@code generationConfig.thinkingConfig} ↔ {@link Reasoning}. A budget of 0 turns thinking off and
 * -1 lets the model decide; {@code thinkingLevel} (Gemini 3: MINIMAL, LOW, MEDIUM, HIGH) is the effort
 * word. Encoding prefers a budget because every Gemini thinking model accepts one, while a level is
 * refused by models before Gemini 3 — so a level is sent only when a Gemini client asked for one.
 * Whether thoughts are shown follows the client: Anthropic shows thinking by default, Gemini does not.
 */
final class GeminiThinking {
    /** The largest budget any Gemini model accepts (2.5 Pro); larger asks are clamped. */
    static final int MAX_BUDGET = 32768;

    private GeminiThinking() {}

    static Reasoning decode(JsonNode config, String path) {
        if (config == null) {
            return null;
        }
        if (!config.isObject()) {
            throw GatewayError.invalid("'" + path + "' must be an object", path);
        }
        Integer budget = GeminiJson.integer(config, "thinkingBudget", path + ".thinkingBudget");
        String level = GeminiJson.text(config, "thinkingLevel", path + ".thinkingLevel");
        Boolean include = GeminiJson.bool(config, "includeThoughts", path + ".includeThoughts");
        if (budget != null && budget == 0) {
            return new Reasoning(false, null, 0, include);
        }
        if (level != null && !level.equals("THINKING_LEVEL_UNSPECIFIED")) {
            return new Reasoning(true, level.toLowerCase(Locale.ROOT), budget != null && budget > 0 ? budget : null, include);
        }
        if (budget != null) {
            return new Reasoning(true, null, budget > 0 ? budget : null, include);
        }
        return Boolean.TRUE.equals(include) ? new Reasoning(true, null, null, true) : null;
    }

    static ObjectNode encode(Reasoning reasoning, ClientFormat source) {
        if (reasoning == null) {
            return null;
        }
        ObjectNode n = GeminiJson.object();
        if (!reasoning.enabled()) {
            n.put("thinkingBudget", 0);
        } else if (reasoning.budgetTokens() != null) {
            n.put("thinkingBudget", Math.min(MAX_BUDGET, Math.max(0, reasoning.budgetTokens())));
        } else if (reasoning.effort() != null && source == ClientFormat.GEMINI) {
            n.put("thinkingLevel", reasoning.effort().toUpperCase(Locale.ROOT));
        } else if (reasoning.effort() != null) {
            n.put("thinkingBudget", Math.min(MAX_BUDGET, Reasoning.budgetFor(reasoning.effort())));
        } else {
            n.put("thinkingBudget", -1);
        }
        Boolean include = reasoning.includeThoughts();
        if (include == null && reasoning.enabled() && source == ClientFormat.ANTHROPIC) {
            // an Anthropic client that turns thinking on gets thinking blocks unless it says "omitted";
            // Gemini shows no thoughts unless asked, so unsaid must be said here
            include = true;
        }
        if (include != null) {
            n.put("includeThoughts", include);
        }
        return n;
    }
}
