package dev.switchboard.format.openai;

import dev.switchboard.format.Dropped;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * Puts a request's unknown fields ({@link ChatRequest#extras()}) back into an OpenAI body. Fields of
 * the encoder's own format return verbatim; a few top-level fields mean the same in Chat
 * Completions and Responses (the same account features) and cross between the two; everything
 * else is listed as dropped.
 */
public final class SharedFields {
    /** Top-level request fields with the same name and meaning in Chat Completions and Responses. */
    public static final Set<String> CHAT_AND_RESPONSES = Set.of(
            "metadata", "store", "service_tier", "safety_identifier", "prompt_cache_key", "prompt_cache_retention");

    private SharedFields() {}

    public static void putBack(ChatRequest request, ClientFormat own, ObjectNode body, Dropped dropped) {
        boolean sameFormat = request.source() == own;
        boolean sibling = request.source() == ClientFormat.OPENAI_CHAT || request.source() == ClientFormat.OPENAI_RESPONSES;
        for (Map.Entry<String, String> e : request.extras().entrySet()) {
            if (body.has(e.getKey())) {
                continue; // a canonical field already took this slot
            }
            if (sameFormat || (sibling && CHAT_AND_RESPONSES.contains(e.getKey()))) {
                try {
                    body.set(e.getKey(), Json.MAPPER.readTree(e.getValue()));
                } catch (IOException ex) {
                    dropped.add(e.getKey());
                }
            } else {
                dropped.add(e.getKey());
            }
        }
    }
}
