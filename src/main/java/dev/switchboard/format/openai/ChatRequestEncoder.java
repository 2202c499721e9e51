package dev.switchboard.format.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.format.Json;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.Sampling;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A canonical request as a Chat Completions body for OpenAI and the servers that copy its API.
 *
 * <p>Output limit: {@code max_tokens} is what every OpenAI-compatible server reads (Ollama, LM Studio
 * and older llama.cpp/vLLM ignore or reject {@code max_completion_tokens}), but OpenAI's reasoning
 * models reject it. So the limit goes out as {@code max_completion_tokens} when the request asks for
 * reasoning or names an OpenAI reasoning model (o-series, gpt-5), and as {@code max_tokens} otherwise.
 */
final class ChatRequestEncoder {
    /** OpenAI model families that take only {@code max_completion_tokens}. */
    private static final Pattern REASONING_MODEL = Pattern.compile("^(?:.*/)?(?:o\\d|gpt-5)([-.].*)?$");
    private static final int MAX_STOP = 4;

    private ChatRequestEncoder() {}

    static byte[] encode(ChatRequest r, Dropped dropped) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", r.model());
        body.set("messages", new ChatMessagesEncoder(dropped).encode(r));
        OpenAiTools.put(r, body, OpenAiTools.Shape.NESTED);
        if (r.maxTokens() != null) {
            body.put(usesCompletionTokens(r) ? "max_completion_tokens" : "max_tokens", r.maxTokens());
        }
        stop(r.stop(), body, dropped);
        sampling(r.sampling(), body, dropped);
        if (r.user() != null) {
            body.put("user", r.user());
        }
        String effort = OpenAiParams.effort(r.reasoning());
        if (effort != null) {
            body.put("reasoning_effort", effort);
        }
        if (r.responseFormat() != null) {
            body.set("response_format", OutputFormats.encode(r.responseFormat(), OpenAiTools.Shape.NESTED));
        }
        if (r.stream()) {
            body.put("stream", true);
            // always asked for: the gateway accounts every stream; the client's wish is honoured downstream
            body.putObject("stream_options").put("include_usage", true);
        }
        SharedFields.putBack(r, ClientFormat.OPENAI_CHAT, body, dropped);
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean usesCompletionTokens(ChatRequest r) {
        return (r.reasoning() != null && r.reasoning().enabled()) || REASONING_MODEL.matcher(r.model()).matches();
    }

    private static void stop(List<String> stop, ObjectNode body, Dropped dropped) {
        if (stop.isEmpty()) {
            return;
        }
        ArrayNode out = body.putArray("stop");
        stop.stream().limit(MAX_STOP).forEach(out::add);
        if (stop.size() > MAX_STOP) {
            dropped.add("stop (beyond the first " + MAX_STOP + ")");
        }
    }

    private static void sampling(Sampling s, ObjectNode body, Dropped dropped) {
        OpenAiParams.putTemperatureAndTopP(s, body, dropped);
        if (s.n() != null) {
            body.put("n", s.n());
        }
        if (s.seed() != null) {
            body.put("seed", s.seed());
        }
        if (s.presencePenalty() != null) {
            body.put("presence_penalty", OpenAiParams.clamp(s.presencePenalty(), -2, 2));
        }
        if (s.frequencyPenalty() != null) {
            body.put("frequency_penalty", OpenAiParams.clamp(s.frequencyPenalty(), -2, 2));
        }
    }

}
