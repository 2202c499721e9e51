package dev.switchboard.format.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.switchboard.format.Json;
import dev.switchboard.format.SignedCallIds;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The few edits a same-format call makes to the client's bytes: the model name, asking upstream for
 * stream usage, and taking the gateway's own Gemini signatures back out of tool-call ids. Everything
 * else stays byte-for-byte; a tree is built only in the rare cases where an existing
 * {@code stream_options} must be changed or the history holds a call a Gemini provider answered.
 */
public final class BodyRewriter {
    /** Where Chat ({@code tool_calls[].id}, {@code tool_call_id}), Responses and Anthropic hold call ids. */
    private static final List<String> CALL_ID_FIELDS = List.of("id", "tool_call_id", "call_id", "tool_use_id");
    private static final byte[] STREAM_OPTIONS = "\"stream_options\":{\"include_usage\":true},".getBytes(StandardCharsets.US_ASCII);

    private BodyRewriter() {}

    /**
     * @param upstreamModel the model name to send, or null to keep the client's
     * @param askForUsage   add {@code stream_options.include_usage=true}
     */
    public static byte[] rewrite(byte[] body, ProbedRequest probe, String upstreamModel, boolean askForUsage) {
        boolean renameModel = upstreamModel != null && !upstreamModel.equals(probe.model());
        if (askForUsage && probe.streamOptions() == ProbedRequest.StreamOptions.OTHER || SignedCallIds.mayHold(body)) {
            return viaTree(body, renameModel ? upstreamModel : null, askForUsage);
        }
        boolean inject = askForUsage && probe.streamOptions() == ProbedRequest.StreamOptions.ABSENT;
        if (!renameModel && !inject) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        int open = indexOfOpenBrace(body);
        int pos = 0;
        if (inject) {
            out.write(body, 0, open + 1);
            out.writeBytes(STREAM_OPTIONS);
            pos = open + 1;
        }
        if (renameModel) {
            out.write(body, pos, probe.modelStart() - pos);
            out.writeBytes(quote(upstreamModel));
            pos = probe.modelEnd();
        }
        out.write(body, pos, body.length - pos);
        return out.toByteArray();
    }

    private static int indexOfOpenBrace(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '{') {
                return i;
            }
        }
        throw new IllegalArgumentException("no JSON object");
    }

    private static byte[] quote(String s) {
        try {
            return Json.MAPPER.writeValueAsBytes(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Through a tree whose numbers are exact, so the client's other values go on digit for digit. */
    private static byte[] viaTree(byte[] body, String upstreamModel, boolean askForUsage) {
        try {
            ObjectNode root = (ObjectNode) Json.EXACT.readTree(body);
            if (upstreamModel != null) {
                root.put("model", upstreamModel);
            }
            if (askForUsage) {
                ObjectNode options = root.get("stream_options") instanceof ObjectNode existing
                        ? existing
                        : root.putObject("stream_options");
                options.put("include_usage", true);
            }
            unsignCallIds(root);
            return Json.EXACT.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A history with calls a Gemini provider answered has ids that carry its signatures (see
     * {@link SignedCallIds}); this provider did not issue them and OpenAI refuses tool-call ids over 40
     * characters, so it gets the calls' own ids, in the calls and in their results alike.
     */
    private static void unsignCallIds(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (String field : CALL_ID_FIELDS) {
                if (o.get(field) instanceof TextNode id) {
                    o.put(field, SignedCallIds.callId(id.textValue()));
                }
            }
        }
        node.forEach(BodyRewriter::unsignCallIds);
    }
}
