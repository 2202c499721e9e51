package dev.switchboard.format.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The few edits a same-format call makes to the client's bytes: the model name, and asking upstream
 * for stream usage. Everything else stays byte-for-byte; a tree is built only in the rare case where
 * an existing {@code stream_options} must be changed.
 */
public final class BodyRewriter {
    private static final byte[] STREAM_OPTIONS = "\"stream_options\":{\"include_usage\":true},".getBytes(StandardCharsets.US_ASCII);

    private BodyRewriter() {}

    /**
     * @param upstreamModel the model name to send, or null to keep the client's
     * @param askForUsage   add {@code stream_options.include_usage=true}
     */
    public static byte[] rewrite(byte[] body, ProbedRequest probe, String upstreamModel, boolean askForUsage) {
        boolean renameModel = upstreamModel != null && !upstreamModel.equals(probe.model());
        if (askForUsage && probe.streamOptions() == ProbedRequest.StreamOptions.OTHER) {
            return viaTree(body, renameModel ? upstreamModel : null);
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

    private static byte[] viaTree(byte[] body, String upstreamModel) {
        try {
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(body);
            if (upstreamModel != null) {
                root.put("model", upstreamModel);
            }
            ObjectNode options = root.get("stream_options") instanceof ObjectNode existing
                    ? existing
                    : root.putObject("stream_options");
            options.put("include_usage", true);
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
