package dev.switchboard.format.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.format.Json;
import dev.switchboard.model.chat.Reasoning;
import dev.switchboard.model.chat.Sampling;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Parameter conversions the Chat Completions and Responses encoders share. */
public final class OpenAiParams {
    private OpenAiParams() {}

    /**
     * The effort word OpenAI takes: the request's own word, else one derived from a token budget
     * (Anthropic, Gemini). An explicit {@code none} stays; other "off" settings leave the field out,
     * which is the model's default, because older reasoning models reject {@code none}.
     */
    public static String effort(Reasoning reasoning) {
        if (reasoning == null) {
            return null;
        }
        if (!reasoning.enabled()) {
            return "none".equals(reasoning.effort()) ? "none" : null;
        }
        return reasoning.effort() != null ? reasoning.effort() : Reasoning.effortFor(reasoning.budgetTokens());
    }

    /** Temperature and top_p, clamped into OpenAI's ranges (0..2, 0..1); top_k has no OpenAI field. */
    public static void putTemperatureAndTopP(Sampling s, ObjectNode body, Dropped dropped) {
        if (s.temperature() != null) {
            body.put("temperature", clamp(s.temperature(), 0, 2));
        }
        if (s.topP() != null) {
            body.put("top_p", clamp(s.topP(), 0, 1));
        }
        if (s.topK() != null) {
            dropped.add("top_k");
        }
    }

    public static double clamp(double v, double min, double max) {
        return Math.max(min, Math.min(max, v));
    }

    /** A raw JSON value kept by a decoder (schemas, arguments) back as a tree. */
    public static JsonNode tree(String rawJson) {
        try {
            return Json.MAPPER.readTree(rawJson);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
