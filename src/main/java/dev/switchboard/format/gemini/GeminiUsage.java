package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.Usage;

/**
 * {@code usageMetadata} ↔ {@link Usage}. Gemini's {@code candidatesTokenCount} excludes thinking,
 * which it reports apart as {@code thoughtsTokenCount}; canonical output counts both (thoughts are
 * billed as output) with reasoning as the subset. {@code promptTokenCount} already includes the
 * cached part ({@code cachedContentTokenCount}); tokens of tool-use prompts (search results and the
 * like) are billed as input too, so they join it.
 */
final class GeminiUsage {
    private GeminiUsage() {}

    /** Null when the node holds no usage. */
    static Usage read(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        long prompt = count(usage, "promptTokenCount");
        long toolPrompt = count(usage, "toolUsePromptTokenCount");
        long candidates = count(usage, "candidatesTokenCount");
        long thoughts = count(usage, "thoughtsTokenCount");
        long cached = count(usage, "cachedContentTokenCount");
        return new Usage(prompt + toolPrompt, candidates + thoughts, cached, 0, thoughts, false);
    }

    static ObjectNode write(Usage usage) {
        ObjectNode n = GeminiJson.object();
        n.put("promptTokenCount", usage.input());
        n.put("candidatesTokenCount", Math.max(0, usage.output() - usage.reasoning()));
        n.put("totalTokenCount", usage.input() + usage.output());
        if (usage.cacheRead() > 0) {
            n.put("cachedContentTokenCount", usage.cacheRead());
        }
        if (usage.reasoning() > 0) {
            n.put("thoughtsTokenCount", usage.reasoning());
        }
        return n;
    }

    private static long count(JsonNode usage, String field) {
        JsonNode v = GeminiJson.get(usage, field);
        return v != null && v.canConvertToLong() ? Math.max(0, v.asLong()) : 0;
    }
}
