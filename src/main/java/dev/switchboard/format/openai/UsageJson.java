package dev.switchboard.format.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.model.Usage;
import java.io.IOException;

/**
 * OpenAI usage objects as trees, both shapes: Chat Completions ({@code prompt_tokens}, …) and
 * Responses ({@code input_tokens}, …). Reading goes through {@link OpenAiUsage#readUsage} so the
 * translating codecs and the passthrough side decoder count the same way; input includes cached
 * tokens, as OpenAI reports them.
 */
public final class UsageJson {
    private UsageJson() {}

    /** The usage of a tree, or {@link Usage#NONE} when absent or malformed. */
    public static Usage read(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Usage.NONE;
        }
        try (JsonParser p = usage.traverse(Json.MAPPER)) {
            p.nextToken();
            Usage u = OpenAiUsage.readUsage(p);
            long cacheWrite = usage.path("input_tokens_details").path("cache_write_tokens").asLong(0);
            return cacheWrite == 0 ? u : new Usage(u.input(), u.output(), u.cacheRead(), cacheWrite, u.reasoning(), false);
        } catch (IOException | RuntimeException e) {
            return Usage.NONE;
        }
    }

    public static ObjectNode chat(Usage u) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("prompt_tokens", u.input());
        n.put("completion_tokens", u.output());
        n.put("total_tokens", u.total());
        n.putObject("prompt_tokens_details").put("cached_tokens", u.cacheRead());
        n.putObject("completion_tokens_details").put("reasoning_tokens", u.reasoning());
        return n;
    }

    public static ObjectNode responses(Usage u) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("input_tokens", u.input());
        n.putObject("input_tokens_details").put("cached_tokens", u.cacheRead()).put("cache_write_tokens", u.cacheWrite());
        n.put("output_tokens", u.output());
        n.putObject("output_tokens_details").put("reasoning_tokens", u.reasoning());
        n.put("total_tokens", u.total());
        return n;
    }
}
