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
}
