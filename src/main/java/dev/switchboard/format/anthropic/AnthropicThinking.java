package dev.switchboard.format.anthropic;

import static dev.switchboard.format.anthropic.AnthropicJson.invalid;
import static dev.switchboard.format.anthropic.AnthropicJson.optInt;
import static dev.switchboard.format.anthropic.AnthropicJson.optText;
import static dev.switchboard.format.anthropic.AnthropicJson.reqText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.Reasoning;

/**
 * {@code thinking} (and {@code output_config.effort}) as canonical {@link Reasoning}, and back, with
 * the limits Anthropic enforces on the way out: a budget of at least 1024 tokens and below
 * {@code max_tokens}, no thinking when {@code tool_choice} forces a tool.
 *
 * <p>Mapping: {@code enabled} + {@code budget_tokens} ↔ enabled with a budget; {@code adaptive} ↔
 * enabled with neither budget nor effort (the model decides); {@code disabled} ↔ off;
 * {@code display} summarized/omitted ↔ includeThoughts true/false. An effort word (Anthropic's
 * {@code output_config.effort}, or OpenAI's reasoning effort) is sent as a manual budget through
 * {@link Reasoning#budgetOrDerived()}, which every thinking model accepts.
 */
final class AnthropicThinking {
    /** Sent when a request names no {@code max_tokens}, which Anthropic requires. */
    static final int DEFAULT_MAX_TOKENS = 4096;
    static final int MIN_BUDGET = 1024;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AnthropicThinking() {}

    /** The canonical reasoning of a client request, or null when it sets none. */
    static Reasoning decode(JsonNode thinking, JsonNode outputConfig) {
        String effort = outputConfig == null ? null : effort(optText(outputConfig, "effort", "output_config"));
        if (thinking == null || thinking.isNull()) {
            return effort == null ? null : new Reasoning(true, effort, null, null);
        }
        if (!thinking.isObject()) {
            throw invalid("thinking", "must be an object");
        }
        String type = reqText(thinking, "type", "thinking");
        Boolean display = display(optText(thinking, "display", "thinking"));
        return switch (type) {
            case "enabled" -> {
                Integer budget = optInt(thinking, "budget_tokens", "thinking");
                if (budget == null) {
                    throw invalid("thinking.budget_tokens", "Field required");
                }
                yield new Reasoning(true, effort, budget, display);
            }
            case "adaptive" -> new Reasoning(true, effort, null, display);
            case "disabled" -> new Reasoning(false, effort, 0, null);
            default -> throw invalid("thinking.type", "must be enabled, adaptive or disabled");
        };
    }

    /** Anthropic's effort words in the canonical (OpenAI) vocabulary; its two top levels are "high". */
    private static String effort(String word) {
        if (word == null) {
            return null;
        }
        return switch (word) {
            case "low", "medium", "high" -> word;
            case "xhigh", "max" -> "high";
            default -> throw invalid("output_config.effort", "must be low, medium, high, xhigh or max");
        };
    }

    private static Boolean display(String display) {
        if (display == null) {
            return null;
        }
        return switch (display) {
            case "summarized" -> true;
            case "omitted" -> false;
            default -> throw invalid("thinking.display", "must be summarized or omitted");
        };
    }

    /** What the encoder sends: the thinking object (or null) and the {@code max_tokens} that fits it. */
    record Plan(ObjectNode thinking, int maxTokens) {
        boolean thinks() {
            return thinking != null && !"disabled".equals(thinking.path("type").asText());
        }
    }

    static Plan plan(ChatRequest request, Dropped dropped) {
        Integer explicitMax = request.maxTokens();
        Reasoning r = request.reasoning();
        int fallbackMax = explicitMax != null ? explicitMax : DEFAULT_MAX_TOKENS;
        if (r == null) {
            return new Plan(null, fallbackMax);
        }
        if (!r.enabled()) {
            return new Plan(NODES.objectNode().put("type", "disabled"), fallbackMax);
        }
        if (AnthropicTools.forcesToolUse(request.toolChoice())) {
            dropped.add("reasoning");
            return new Plan(null, fallbackMax);
        }
        boolean hasBudget = r.budgetTokens() != null && r.budgetTokens() > 0;
        if (!hasBudget && r.effort() == null) {
            return new Plan(withDisplay(NODES.objectNode().put("type", "adaptive"), r), fallbackMax);
        }
        int budget = Math.max(MIN_BUDGET, hasBudget ? r.budgetTokens() : Reasoning.budgetFor(r.effort()));
        if (explicitMax == null) {
            // room for the answer after the thinking; the client set no limit of its own
            return new Plan(enabled(budget, r), budget >= DEFAULT_MAX_TOKENS ? budget + DEFAULT_MAX_TOKENS : DEFAULT_MAX_TOKENS);
        }
        budget = Math.min(budget, explicitMax - 1);
        if (budget < MIN_BUDGET) {
            dropped.add("reasoning");
            return new Plan(null, explicitMax);
        }
        return new Plan(enabled(budget, r), explicitMax);
    }

    private static ObjectNode enabled(int budget, Reasoning r) {
        return withDisplay(NODES.objectNode().put("type", "enabled").put("budget_tokens", budget), r);
    }

    private static ObjectNode withDisplay(ObjectNode thinking, Reasoning r) {
        if (r.includeThoughts() != null) {
            thinking.put("display", r.includeThoughts() ? "summarized" : "omitted");
        }
        return thinking;
    }
}
