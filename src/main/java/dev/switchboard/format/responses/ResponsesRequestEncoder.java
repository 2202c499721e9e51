package dev.switchboard.format.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Dropped;
import dev.switchboard.format.Json;
import dev.switchboard.format.JsonText;
import dev.switchboard.format.openai.OpenAiParams;
import dev.switchboard.format.openai.OpenAiTools;
import dev.switchboard.format.openai.OutputFormats;
import dev.switchboard.format.openai.SharedFields;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.model.chat.Reasoning;
import dev.switchboard.model.chat.Sampling;

/**
 * A canonical request as a Responses body (tools in the flat shape, see {@link OpenAiTools}). Stop sequences, seeds, n, top_k and penalties have no Responses field and are reported as dropped.
 */
final class ResponsesRequestEncoder {
    private ResponsesRequestEncoder() {}

    static byte[] encode(ChatRequest r, Dropped dropped) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", r.model());
        String instructions = r.systemText();
        if (!instructions.isEmpty()) {
            body.put("instructions", instructions);
        }
        body.set("input", new InputEncoder(dropped).encode(r.messages()));
        OpenAiTools.put(r, body, OpenAiTools.Shape.FLAT);
        if (r.maxTokens() != null) {
            body.put("max_output_tokens", r.maxTokens());
        }
        sampling(r.sampling(), body, dropped);
        if (!r.stop().isEmpty()) {
            dropped.add("stop");
        }
        if (r.reasoning() != null && (effort(r.reasoning()) != null || Boolean.TRUE.equals(r.reasoning().includeThoughts()))) {
            ObjectNode reasoning = body.putObject("reasoning");
            if (effort(r.reasoning()) != null) {
                reasoning.put("effort", effort(r.reasoning()));
            }
            if (Boolean.TRUE.equals(r.reasoning().includeThoughts())) {
                reasoning.put("summary", "auto");
            }
        }
        if (r.responseFormat() != null) {
            body.putObject("text").set("format", OutputFormats.encode(r.responseFormat(), OpenAiTools.Shape.FLAT));
        }
        if (r.user() != null) {
            body.put("user", r.user());
        }
        if (r.stream()) {
            body.put("stream", true);
        }
        SharedFields.putBack(r, ClientFormat.OPENAI_RESPONSES, body, dropped);
        return JsonText.utf8(body);
    }

    static String effort(Reasoning reasoning) {
        return OpenAiParams.effort(reasoning);
    }

    private static void sampling(Sampling s, ObjectNode body, Dropped dropped) {
        OpenAiParams.putTemperatureAndTopP(s, body, dropped);
        if (s.seed() != null) {
            dropped.add("seed");
        }
        if (s.n() != null && s.n() != 1) {
            dropped.add("n");
        }
        if (s.presencePenalty() != null) {
            dropped.add("presence_penalty");
        }
        if (s.frequencyPenalty() != null) {
            dropped.add("frequency_penalty");
        }
    }

}
