package dev.switchboard.format.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.format.StreamDecoder;
import dev.switchboard.format.openai.JsonFields;
import dev.switchboard.format.openai.OpenAiErrors;
import dev.switchboard.format.openai.UsageJson;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.SseEvent;
import java.util.List;

/**
 * One upstream Responses event stream as canonical events. Events are read by their JSON
 * {@code type}; a {@code sequence_number} that does not increase means duplicated or reordered
 * events and ends the stream with an error. Thinking blocks open at the first summary text, so a
 * reasoning item without visible text and with encrypted content becomes redacted thinking, as in a
 * whole answer. A server that sends only the {@code .done} events still yields the full content.
 */
public final class ResponsesStreamDecoder implements StreamDecoder {
    private final StreamBlocks blocks = new StreamBlocks();
    private boolean started;
    private boolean finished;
    private long lastSequence = -1;
    private boolean sawCall;
    private boolean sawRefusal;
    private Usage usage = Usage.NONE;

    @Override
    public void onEvent(SseEvent event, List<StreamEvent> out) {
        if (finished || event.data() == null || event.data().isBlank() || event.isDone()) {
            return;
        }
        JsonNode e = JsonFields.eventObject(event.data());
        // the JSON type names the event; the SSE event name stands in where a server left it out
        String type = e == null ? null : e.path("type").isTextual() ? e.path("type").textValue() : event.event();
        if (type == null) {
            fail(out, "upstream sent a malformed stream event");
            return;
        }
        JsonNode seq = e.get("sequence_number");
        if (seq != null && seq.canConvertToLong()) {
            if (seq.asLong() <= lastSequence) {
                fail(out, "upstream stream events arrived duplicated or out of order");
                return;
            }
            lastSequence = seq.asLong();
        }
        try {
            dispatch(type, e, out);
        } catch (StreamBlocks.OutOfOrder ex) {
            fail(out, ex.getMessage());
        }
    }

    private void dispatch(String type, JsonNode e, List<StreamEvent> out) {
        if (!started && !type.equals("error")) {
            started = true;
            JsonNode r = e.path("response");
            out.add(new StreamEvent.Start(r.path("id").asText(""), r.path("model").asText(""),
                    r.path("created_at").asLong(0), Usage.NONE));
        }
        int oi = e.path("output_index").asInt(-1);
        switch (type) {
            case "response.output_item.added" -> {
                JsonNode item = e.path("item");
                if (item.path("type").asText("").equals("function_call")) {
                    sawCall = true;
                    blocks.open(out, "fc" + oi, StreamEvent.BlockStart.toolCall(0, item.path("call_id").asText(""),
                            item.path("name").asText("")));
                }
            }
            case "response.content_part.added" -> blocks.open(out, textKey(e), StreamEvent.BlockStart.text(0));
            case "response.output_text.delta", "response.refusal.delta" -> {
                sawRefusal |= type.startsWith("response.refusal");
                blocks.delta(out, textKey(e), StreamEvent.BlockStart.text(0), e.path("delta").asText(""));
            }
            case "response.output_text.done", "response.refusal.done" ->
                    blocks.fillIfEmpty(out, textKey(e), StreamEvent.BlockStart.text(0),
                            e.path(type.startsWith("response.refusal") ? "refusal" : "text").asText(""));
            case "response.content_part.done" -> blocks.close(out, textKey(e));
            case "response.function_call_arguments.delta" -> blocks.deltaExisting(out, "fc" + oi, e.path("delta").asText(""));
            case "response.function_call_arguments.done" ->
                    blocks.fillIfEmptyExisting(out, "fc" + oi, e.path("arguments").asText(""));
            case "response.reasoning_summary_part.added" -> {
                if (blocks.isOpen("rs" + oi) && e.path("summary_index").asInt(0) > 0) {
                    blocks.delta(out, "rs" + oi, StreamEvent.BlockStart.thinking(0), "\n\n");
                }
            }
            case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" ->
                    blocks.delta(out, "rs" + oi, StreamEvent.BlockStart.thinking(0), e.path("delta").asText(""));
            case "response.output_item.done" -> itemDone(e.path("item"), oi, out);
            case "response.completed", "response.incomplete" -> complete(type, e.path("response"), out);
            case "response.failed" -> {
                JsonNode r = e.path("response");
                usage = UsageJson.read(r.get("usage"));
                JsonNode error = r.path("error");
                GatewayError g = OpenAiErrors.fromObject(error.isObject() ? error : r, null, "upstream response failed");
                error(g, out);
            }
            case "error" -> error(OpenAiErrors.fromObject(e.path("error").isObject() ? e.path("error") : e, null,
                    "upstream stream failed"), out);
            default -> { } // created, in_progress, queued, annotations, hosted tool progress
        }
    }

    private void itemDone(JsonNode item, int oi, List<StreamEvent> out) {
        switch (item.path("type").asText("")) {
            case "function_call" -> {
                sawCall = true;
                String key = "fc" + oi;
                if (!blocks.known(key)) {
                    blocks.open(out, key, StreamEvent.BlockStart.toolCall(0, item.path("call_id").asText(""),
                            item.path("name").asText("")));
                }
                blocks.fillIfEmptyExisting(out, key, item.path("arguments").asText(""));
                blocks.close(out, key);
            }
            case "message" -> {
                JsonNode content = item.path("content");
                for (int ci = 0; ci < content.size(); ci++) {
                    String key = oi + ":" + ci;
                    JsonNode part = content.get(ci);
                    boolean refusal = part.path("type").asText("").equals("refusal");
                    sawRefusal |= refusal;
                    blocks.fillIfEmpty(out, key, StreamEvent.BlockStart.text(0),
                            part.path(refusal ? "refusal" : "text").asText(""));
                    blocks.close(out, key);
                }
            }
            case "reasoning" -> reasoningDone(item, "rs" + oi, out);
            default -> { }
        }
    }

    private void reasoningDone(JsonNode item, String key, List<StreamEvent> out) {
        JsonNode enc = item.get("encrypted_content");
        String encrypted = enc != null && enc.isTextual() ? enc.textValue() : null;
        if (!blocks.known(key)) {
            Part whole = InputDecoder.reasoning(item);
            if (whole instanceof Part.RedactedThinking r) {
                blocks.open(out, key, new StreamEvent.BlockStart(0, BlockKind.REDACTED_THINKING, null, null, r.data(), null));
                blocks.close(out, key);
                return;
            }
            if (whole instanceof Part.Thinking t) {
                blocks.delta(out, key, StreamEvent.BlockStart.thinking(0), t.text());
            }
        }
        if (encrypted != null && blocks.isOpen(key)) {
            out.add(new StreamEvent.SignatureDelta(blocks.index(key), encrypted));
        }
        blocks.close(out, key);
    }

    private void complete(String type, JsonNode response, List<StreamEvent> out) {
        usage = UsageJson.read(response.get("usage"));
        blocks.closeAll(out);
        StopReason stop = type.equals("response.incomplete")
                ? ResponsesResponseMapper.incompleteReason(response.path("incomplete_details").path("reason").asText(""))
                : sawCall ? StopReason.TOOL_USE : sawRefusal ? StopReason.REFUSAL : StopReason.END_TURN;
        out.add(new StreamEvent.Finish(stop, null, usage));
        finished = true;
    }

    private void error(GatewayError e, List<StreamEvent> out) {
        out.add(new StreamEvent.Error(e.kind(), e.getMessage(), usage));
        finished = true;
    }

    private void fail(List<StreamEvent> out, String message) {
        out.add(new StreamEvent.Error(ErrorKind.UPSTREAM_ERROR, message, usage));
        finished = true;
    }

    private static String textKey(JsonNode e) {
        return e.path("output_index").asInt(-1) + ":" + e.path("content_index").asInt(0);
    }

    @Override
    public void onEnd(List<StreamEvent> out) {
        if (!finished) {
            fail(out, "upstream stream ended before response.completed");
        }
    }

    @Override
    public boolean finished() {
        return finished;
    }
}
