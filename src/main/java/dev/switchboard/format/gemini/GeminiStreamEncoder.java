package dev.switchboard.format.gemini;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.SseJson;
import dev.switchboard.format.StreamEncoder;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.StreamText;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical events as the {@code data: {GenerateContentResponse}} chunks of {@code alt=sse}, which
 * the google-genai SDKs read one line at a time. Text and thoughts go out as they come; a function
 * call is sent whole when its block stops, because Gemini has no partial-call chunk. The last chunk
 * carries the finishReason and the usage; a failure is {@code data: {"error":{code,message,status}}}.
 */
public final class GeminiStreamEncoder implements StreamEncoder {
    private final Map<Integer, Block> blocks = new TreeMap<>();
    private final GeminiPartWriter writer = new GeminiPartWriter(null, false);
    private String id = "";
    private String model = "";
    private Usage startUsage = Usage.NONE;
    private boolean lastWasPlainText;
    private boolean done;

    private static final class Block {
        final StreamEvent.BlockStart start;
        final StringBuilder args = new StringBuilder();
        String signature;
        boolean hadText;

        Block(StreamEvent.BlockStart start) {
            this.start = start;
            this.signature = start.signature();
        }
    }

    @Override
    public void encode(StreamEvent event, StreamText out) {
        if (done) {
            return;
        }
        switch (event) {
            case StreamEvent.Start s -> {
                id = s.id();
                model = s.model();
                startUsage = s.usage() == null ? Usage.NONE : s.usage();
            }
            case StreamEvent.BlockStart b -> blocks.put(b.index(), new Block(b));
            case StreamEvent.TextDelta t -> {
                chunk(GeminiJson.object().put("text", t.text()), null, null, out);
                lastWasPlainText = true;
            }
            case StreamEvent.ThinkingDelta t -> {
                Block b = blocks.get(t.index());
                if (b != null) {
                    b.hadText = true;
                }
                chunk(GeminiJson.object().put("text", t.text()).put("thought", true), null, null, out);
                lastWasPlainText = false;
            }
            case StreamEvent.SignatureDelta s -> signature(s, out);
            case StreamEvent.ToolArgsDelta a -> {
                Block b = blocks.get(a.index());
                if (b != null) {
                    b.args.append(a.fragment());
                }
            }
            case StreamEvent.BlockStop s -> {
                Block b = blocks.remove(s.index());
                if (b != null && b.start.kind() == BlockKind.TOOL_CALL) {
                    call(b, out);
                }
            }
            case StreamEvent.Finish f -> {
                for (Block b : List.copyOf(blocks.values())) {
                    if (b.start.kind() == BlockKind.TOOL_CALL) {
                        call(b, out); // a call whose stop never came is still sent whole
                    }
                }
                blocks.clear();
                Usage usage = f.usage() == null || f.usage().equals(Usage.NONE) ? startUsage : f.usage();
                chunk(GeminiJson.object().put("text", ""), GeminiFinishReasons.encode(f.stopReason()), usage, out);
                done = true;
            }
            case StreamEvent.Error e -> {
                SseJson.event(out, null, GeminiErrors.json(e.kind(), e.message(), null));
                done = true;
            }
        }
    }

    /**
     * A thought's signature follows its text as a signature-only thought part; a signature that ends
     * a plain answer (no thought text before it) goes back as Gemini sends it, on an empty text part.
     */
    private void signature(StreamEvent.SignatureDelta s, StreamText out) {
        Block b = blocks.get(s.index());
        if (b != null && b.start.kind() == BlockKind.TOOL_CALL) {
            b.signature = s.signature();
            return;
        }
        ObjectNode part = GeminiJson.object().put("text", "");
        boolean thought = b != null && b.start.kind() == BlockKind.THINKING && (b.hadText || !lastWasPlainText);
        if (thought) {
            part.put("thought", true);
        }
        part.put("thoughtSignature", s.signature());
        chunk(part, null, null, out);
        lastWasPlainText = false;
    }

    private void call(Block b, StreamText out) {
        blocks.remove(b.start.index());
        ArrayNode parts = GeminiJson.array();
        Part.ToolCall call = new Part.ToolCall(b.start.toolCallId() == null ? "" : b.start.toolCallId(),
                b.start.toolName() == null ? "" : b.start.toolName(), b.args.toString(), b.signature);
        writer.modelParts(List.of(call), "stream", parts);
        chunk((ObjectNode) parts.get(0), null, null, out);
        lastWasPlainText = false;
    }

    private void chunk(ObjectNode part, String finishReason, Usage usage, StreamText out) {
        ObjectNode root = GeminiJson.object();
        ObjectNode candidate = root.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").add(part);
        content.put("role", "model");
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", 0);
        if (usage != null) {
            root.set("usageMetadata", GeminiUsage.write(usage));
        }
        root.put("modelVersion", model);
        root.put("responseId", id);
        SseJson.event(out, null, root);
    }
}
