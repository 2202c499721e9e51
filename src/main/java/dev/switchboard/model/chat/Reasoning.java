package dev.switchboard.model.chat;

/**
 * Thinking/reasoning settings. {@code enabled} false means explicitly off. {@code effort} is one of
 * minimal, low, medium, high (OpenAI's words); {@code budgetTokens} is Anthropic's and Gemini's budget.
 * Codecs derive whichever of the two the target needs from the other.
 */
public record Reasoning(boolean enabled, String effort, Integer budgetTokens, Boolean includeThoughts) {
    public static Reasoning off() {
        return new Reasoning(false, null, 0, null);
    }

    /** The budget a target that counts tokens gets for an effort word; one table so all codecs agree. */
    public static int budgetFor(String effort) {
        return switch (effort == null ? "medium" : effort) {
            case "minimal" -> 1024;
            case "low" -> 2048;
            case "high" -> 24576;
            default -> 8192;
        };
    }

    /** The effort word a target that takes words gets for a token budget (inverse of budgetFor). */
    public static String effortFor(Integer budget) {
        if (budget == null) {
            return "medium";
        }
        if (budget <= 1024) {
            return "minimal";
        }
        return budget <= 2048 ? "low" : budget <= 8192 ? "medium" : "high";
    }

    /** The budget to send to a token-counting target: the explicit one, else derived from effort. */
    public int budgetOrDerived() {
        return budgetTokens != null ? budgetTokens : budgetFor(effort);
    }
}
