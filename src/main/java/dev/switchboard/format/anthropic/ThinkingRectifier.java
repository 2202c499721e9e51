package dev.switchboard.format.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;

/**
 * Repairs an Anthropic request that an Anthropic-format upstream refused because of its thinking
 * blocks. Signatures are bound to the provider (and sometimes the key or session) that made them, so
 * a conversation that moved between providers, went through a relay that rewrote it, or carries
 * another model's reasoning gets a 400 such as "messages.1.content.0: Invalid `signature` in
 * `thinking` block". Retrying once without the thinking history is the cure: the model loses its
 * earlier reasoning, not the conversation.
 *
 * <p>{@link #matches} recognises those refusals by their message; {@link #rectify} removes every
 * thinking and redacted_thinking block and every {@code signature} field from the assistant turns,
 * drops assistant turns left empty, and removes the top-level {@code thinking} setting when the
 * conversation can no longer satisfy it: with manual thinking ({@code type: enabled}) Anthropic
 * requires the last assistant turn, when it calls a tool or is the final (prefilled) turn, to start
 * with a thinking block, which after stripping it cannot. Adaptive thinking has no such rule and is
 * kept. Pure functions of bytes; the caller decides whether to retry.
 */
public final class ThinkingRectifier {
    /** Enough of an error body to find the message; relays sometimes wrap pages of HTML around it. */
    private static final int MAX_SCAN = 64 * 1024;

    private ThinkingRectifier() {}

    /**
     * True when an upstream answer is a refusal of the request's thinking blocks. Only 400 and 422
     * (the validation statuses) qualify, and only messages about signatures or the structure of
     * thinking blocks, never a generic "invalid request": a retry without reasoning must be the cure,
     * not a guess.
     */
    public static boolean matches(int status, byte[] errorBody) {
        if ((status != 400 && status != 422) || errorBody == null || errorBody.length == 0) {
            return false;
        }
        String text = new String(errorBody, 0, Math.min(errorBody.length, MAX_SCAN), StandardCharsets.UTF_8)
                .toLowerCase(Locale.ROOT);
        boolean thinking = text.contains("thinking");
        boolean signature = text.contains("signature");
        return thinking && signature && (text.contains("invalid") || text.contains("not valid"))
                // "Invalid `signature` in `thinking` block"
                || text.contains("thought signature") && (text.contains("invalid") || text.contains("not valid"))
                || text.contains("must start with a thinking block")
                // "Expected `thinking` or `redacted_thinking`, but found `tool_use`"
                || text.contains("expected") && thinking && text.contains("found")
                        && (text.contains("redacted_thinking") || text.contains("tool_use"))
                // "messages.1.content.0.thinking.signature: Field required"
                || signature && text.contains("field required")
                // a relay that knows no signatures: "signature: Extra inputs are not permitted"
                || signature && text.contains("extra inputs are not permitted")
                // "thinking or redacted_thinking blocks in the latest assistant message cannot be modified"
                || thinking && text.contains("cannot be modified");
    }

    /** The request without its thinking history, or empty when it has none to remove (no retry helps). */
    public static Optional<byte[]> rectify(byte[] requestBody) {
        ObjectNode root = AnthropicJson.tryObject(requestBody);
        JsonNode messages = root == null ? null : root.get("messages");
        if (messages == null || !messages.isArray()) {
            return Optional.empty();
        }
        boolean changed = false;
        for (Iterator<JsonNode> it = messages.iterator(); it.hasNext(); ) {
            JsonNode m = it.next();
            if (!"assistant".equals(m.path("role").asText()) || !m.path("content").isArray()) {
                continue;
            }
            ArrayNode content = (ArrayNode) m.get("content");
            changed |= strip(content);
            if (content.isEmpty()) {
                it.remove();
            }
        }
        if (thinkingUnsatisfiable(root, (ArrayNode) messages)) {
            root.remove("thinking");
            changed = true;
        }
        return changed ? Optional.of(root.toString().getBytes(StandardCharsets.UTF_8)) : Optional.empty();
    }

    private static boolean strip(ArrayNode content) {
        boolean changed = false;
        for (Iterator<JsonNode> it = content.iterator(); it.hasNext(); ) {
            JsonNode block = it.next();
            String type = block.path("type").asText();
            if ("thinking".equals(type) || "redacted_thinking".equals(type)) {
                it.remove();
                changed = true;
            } else if (block instanceof ObjectNode o && o.remove("signature") != null) {
                changed = true;
            }
        }
        return changed;
    }

    /**
     * Manual thinking with a last assistant turn that calls a tool, or that is the final message,
     * but does not begin with thinking: Anthropic refuses that combination.
     */
    private static boolean thinkingUnsatisfiable(ObjectNode root, ArrayNode messages) {
        if (!"enabled".equals(root.path("thinking").path("type").asText())) {
            return false;
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if (!"assistant".equals(m.path("role").asText())) {
                continue;
            }
            JsonNode content = m.get("content");
            if (content == null || !content.isArray() || content.isEmpty()) {
                return i == messages.size() - 1; // a final string/empty prefill cannot start with thinking
            }
            String first = content.get(0).path("type").asText();
            if ("thinking".equals(first) || "redacted_thinking".equals(first)) {
                return false;
            }
            boolean callsTool = false;
            for (JsonNode b : content) {
                callsTool |= "tool_use".equals(b.path("type").asText());
            }
            return callsTool || i == messages.size() - 1;
        }
        return false;
    }
}
