package dev.switchboard.format.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.Usage;

/**
 * Anthropic usage objects and canonical {@link Usage}. Anthropic's {@code input_tokens} counts only
 * the prompt tokens that were neither read from nor written to the cache ("total input tokens is the
 * sum of input_tokens, cache_creation_input_tokens and cache_read_input_tokens"), while canonical
 * {@code input} counts every prompt token. So decoding adds the two cache counts to
 * {@code input_tokens}, and encoding subtracts them again. Reasoning tokens come from
 * {@code output_tokens_details.thinking_tokens}, a subset of {@code output_tokens}.
 */
final class AnthropicUsage {
    private AnthropicUsage() {}

    /** A whole usage object (response or {@code message_start}); null or not an object is no usage. */
    static Usage decode(JsonNode usage) {
        return merge(Usage.NONE, usage);
    }

    /**
     * Applies a (possibly partial) usage object over what is known. {@code message_delta} counts are
     * cumulative, so a field that is present replaces the earlier value rather than adding to it;
     * absent or null fields keep it.
     */
    static Usage merge(Usage known, JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return known;
        }
        long cacheRead = field(usage, "cache_read_input_tokens", known.cacheRead());
        long cacheWrite = field(usage, "cache_creation_input_tokens", known.cacheWrite());
        long uncachedKnown = Math.max(0, known.input() - known.cacheRead() - known.cacheWrite());
        long uncached = field(usage, "input_tokens", uncachedKnown);
        long output = field(usage, "output_tokens", known.output());
        long reasoning = field(usage.get("output_tokens_details"), "thinking_tokens", known.reasoning());
        return new Usage(uncached + cacheRead + cacheWrite, output, cacheRead, cacheWrite, reasoning, known.estimated());
    }

    private static long field(JsonNode obj, String name, long fallback) {
        JsonNode v = obj == null ? null : obj.get(name);
        return v != null && v.isIntegralNumber() ? v.longValue() : fallback;
    }

    /** Writes the Anthropic fields of {@code usage} into {@code target}. */
    static ObjectNode encodeInto(ObjectNode target, Usage usage) {
        target.put("input_tokens", uncachedInput(usage));
        target.put("cache_creation_input_tokens", usage.cacheWrite());
        target.put("cache_read_input_tokens", usage.cacheRead());
        target.put("output_tokens", usage.output());
        if (usage.reasoning() > 0) {
            target.putObject("output_tokens_details").put("thinking_tokens", usage.reasoning());
        }
        return target;
    }

    static long uncachedInput(Usage usage) {
        return Math.max(0, usage.input() - usage.cacheRead() - usage.cacheWrite());
    }
}
