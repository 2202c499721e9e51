package dev.switchboard.format.openai;

import static dev.switchboard.format.openai.JsonFields.absent;
import static dev.switchboard.format.openai.OpenAiTools.Shape.NESTED;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.Reasoning;
import dev.switchboard.model.chat.Sampling;
import java.util.Set;

/** A Chat Completions request body as a canonical request; fields it does not know go to extras. */
final class ChatRequestDecoder {
    private static final Set<String> KNOWN = Set.of("model", "messages", "tools", "tool_choice",
            "parallel_tool_calls", "max_tokens", "max_completion_tokens", "stop", "temperature", "top_p", "top_k", "n",
            "seed", "presence_penalty", "frequency_penalty", "user", "reasoning_effort", "response_format", "stream",
            "stream_options", OpenAiTools.WEB_SEARCH_OPTIONS);

    private ChatRequestDecoder() {}

    static ChatRequest decode(ObjectNode root) {
        String model = JsonFields.requireString(root, "model", "model");
        if (!root.has("messages")) {
            throw GatewayError.invalid("missing required parameter: 'messages'", "messages");
        }
        ChatMessagesDecoder messages = new ChatMessagesDecoder();
        messages.decode(JsonFields.array(root, "messages", "messages"));
        Integer maxCompletion = JsonFields.integer(root, "max_completion_tokens");
        boolean stream = Boolean.TRUE.equals(JsonFields.bool(root, "stream", "stream"));
        JsonNode options = root.get("stream_options");
        boolean includeUsage = stream && !absent(options)
                && Boolean.TRUE.equals(JsonFields.bool(JsonFields.object(options, "stream_options"), "include_usage",
                        "stream_options.include_usage"));
        Sampling sampling = new Sampling(JsonFields.number(root, "temperature"), JsonFields.number(root, "top_p"),
                JsonFields.integer(root, "top_k"), JsonFields.longValue(root, "seed"), JsonFields.integer(root, "n"),
                JsonFields.number(root, "presence_penalty"), JsonFields.number(root, "frequency_penalty"));
        return new ChatRequest(model, messages.system(), messages.messages(), OpenAiTools.decode(root, NESTED),
                OpenAiTools.decodeChoice(root.get("tool_choice"), NESTED), JsonFields.bool(root, "parallel_tool_calls", "parallel_tool_calls"),
                sampling, maxCompletion != null ? maxCompletion : JsonFields.integer(root, "max_tokens"),
                JsonFields.stringOrStrings(root, "stop"), reasoning(JsonFields.string(root, "reasoning_effort", "reasoning_effort")),
                OutputFormats.decode(root.get("response_format"), NESTED, "response_format"), stream, includeUsage,
                JsonFields.string(root, "user", "user"), ClientFormat.OPENAI_CHAT, JsonFields.unknown(root, KNOWN),
                OpenAiTools.providerTools(root, NESTED));
    }

    /** {@code none} is an explicit "do not reason" (gpt-5.1 and later) and stays so for same-family targets. */
    static Reasoning reasoning(String effort) {
        if (effort == null) {
            return null;
        }
        return effort.equals("none") ? new Reasoning(false, "none", null, null) : new Reasoning(true, effort, null, null);
    }

}
