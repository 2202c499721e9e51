package dev.switchboard.format.responses;

import dev.switchboard.format.SignedCallIds;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.format.Json;
import dev.switchboard.format.SseJson;
import dev.switchboard.format.StreamEncoder;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.BlockKind;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.StopReason;
import dev.switchboard.model.chat.StreamEvent;
import dev.switchboard.sse.StreamText;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical events as the Responses event stream: {@code response.created} and
 * {@code response.in_progress}, then per block an output item with its added/delta/done events (text
 * as a message with one {@code output_text} part, thinking as a reasoning item with a summary, calls
 * as {@code function_call} items), and {@code response.completed} (or {@code response.incomplete})
 * carrying the whole response with usage. Every event has a {@code sequence_number}. A failure ends
 * the stream with {@code response.failed}, the terminal event clients already wait for.
 *
 * <p>The {@code .done} events and the final response repeat the full text, which the Responses
 * framing forces this encoder to keep until the block ends.
 */
public final class ResponsesStreamEncoder implements StreamEncoder {
    private final ChatRequest request;
    private final Map<Integer, OpenItem> open = new TreeMap<>();
    private final Map<Integer, ObjectNode> finished = new TreeMap<>();
    private String id = "resp_unknown";
    private String model;
    private long created;
    private int sequence;
    private int nextOutput;

    /** One output item being streamed. */
    private static final class OpenItem {
        final BlockKind kind;
        final int outputIndex;
        final String itemId;
        final StringBuilder text = new StringBuilder();
        final StringBuilder signature = new StringBuilder();
        final StreamEvent.BlockStart start;
        boolean summaryStarted;

        OpenItem(StreamEvent.BlockStart start, int outputIndex, String itemId) {
            this.kind = start.kind();
            this.start = start;
            this.outputIndex = outputIndex;
            this.itemId = itemId;
        }
    }

    public ResponsesStreamEncoder(ChatRequest request) {
        this.request = request;
        this.model = request.model();
    }

    @Override
    public void encode(StreamEvent event, StreamText out) {
        switch (event) {
            case StreamEvent.Start s -> {
                id = OutputItems.responseId(s.id());
                model = s.model().isEmpty() ? model : s.model();
                created = s.created();
                send(event("response.created").set("response", envelope("in_progress", null, null)), out);
                send(event("response.in_progress").set("response", envelope("in_progress", null, null)), out);
            }
            case StreamEvent.BlockStart b -> start(b, out);
            case StreamEvent.TextDelta t -> withItem(t.index(), item -> {
                item.text.append(t.text());
                send(itemEvent("response.output_text.delta", item).put("content_index", 0).put("delta", t.text())
                        .set("logprobs", Json.MAPPER.createArrayNode()), out);
            });
            case StreamEvent.ThinkingDelta t -> withItem(t.index(), item -> {
                if (!item.summaryStarted) {
                    item.summaryStarted = true;
                    send(itemEvent("response.reasoning_summary_part.added", item).put("summary_index", 0)
                            .set("part", OutputItems.summaryText("")), out);
                }
                item.text.append(t.text());
                send(itemEvent("response.reasoning_summary_text.delta", item).put("summary_index", 0)
                        .put("delta", t.text()), out);
            });
            case StreamEvent.SignatureDelta s -> withItem(s.index(), item -> item.signature.append(s.signature()));
            case StreamEvent.ToolArgsDelta a -> withItem(a.index(), item -> {
                item.text.append(a.fragment());
                send(itemEvent("response.function_call_arguments.delta", item).put("delta", a.fragment()), out);
            });
            case StreamEvent.BlockStop b -> {
                OpenItem item = open.remove(b.index());
                if (item != null) {
                    stop(item, out);
                }
            }
            case StreamEvent.Finish f -> {
                new ArrayList<>(open.keySet()).forEach(i -> stop(open.remove(i), out));
                String status = ResponseEnvelope.status(f.stopReason());
                String type = status.equals("incomplete") ? "response.incomplete" : "response.completed";
                send(event(type).set("response", envelope(status, f.stopReason(), f.usage())), out);
            }
            case StreamEvent.Error e -> send(event("response.failed").set("response",
                    ResponseEnvelope.failed(envelope("failed", null, e.usage()), e.kind(), e.message())), out);
        }
    }

    private void start(StreamEvent.BlockStart b, StreamText out) {
        int index = nextOutput++;
        String prefix = switch (b.kind()) {
            case TEXT -> "msg";
            case TOOL_CALL -> "fc";
            case THINKING, REDACTED_THINKING -> "rs";
        };
        OpenItem item = new OpenItem(b, index, OutputItems.id(prefix, id, index));
        open.put(b.index(), item);
        ObjectNode added = switch (b.kind()) {
            case TEXT -> OutputItems.message(item.itemId, "in_progress");
            case TOOL_CALL -> OutputItems.functionCall(item.itemId, SignedCallIds.join(b.toolCallId(), b.signature()),
                    b.toolName(), "", "in_progress");
            case THINKING -> OutputItems.reasoning(item.itemId, null, null);
            case REDACTED_THINKING -> OutputItems.reasoning(item.itemId, null, b.data());
        };
        send(event("response.output_item.added").put("output_index", index).set("item", added), out);
        if (b.kind() == BlockKind.TEXT) {
            send(itemEvent("response.content_part.added", item).put("content_index", 0)
                    .set("part", OutputItems.outputText("")), out);
        }
    }

    private void stop(OpenItem item, StreamText out) {
        String text = item.text.toString();
        ObjectNode done = switch (item.kind) {
            case TEXT -> {
                send(itemEvent("response.output_text.done", item).put("content_index", 0).put("text", text)
                        .set("logprobs", Json.MAPPER.createArrayNode()), out);
                send(itemEvent("response.content_part.done", item).put("content_index", 0)
                        .set("part", OutputItems.outputText(text)), out);
                ObjectNode message = OutputItems.message(item.itemId, "completed");
                ((ArrayNode) message.get("content")).add(OutputItems.outputText(text));
                yield message;
            }
            case TOOL_CALL -> {
                send(itemEvent("response.function_call_arguments.done", item).put("name", item.start.toolName())
                        .put("arguments", text), out);
                yield OutputItems.functionCall(item.itemId,
                        SignedCallIds.join(item.start.toolCallId(), item.start.signature()), item.start.toolName(), text,
                        "completed");
            }
            case THINKING -> {
                if (item.summaryStarted) {
                    send(itemEvent("response.reasoning_summary_text.done", item).put("summary_index", 0)
                            .put("text", text), out);
                    send(itemEvent("response.reasoning_summary_part.done", item).put("summary_index", 0)
                            .set("part", OutputItems.summaryText(text)), out);
                }
                yield OutputItems.reasoning(item.itemId, text, item.signature.isEmpty() ? null : item.signature.toString());
            }
            case REDACTED_THINKING -> OutputItems.reasoning(item.itemId, null, item.start.data());
        };
        finished.put(item.outputIndex, done);
        send(event("response.output_item.done").put("output_index", item.outputIndex).set("item", done), out);
    }

    private void withItem(int blockIndex, java.util.function.Consumer<OpenItem> action) {
        OpenItem item = open.get(blockIndex);
        if (item != null) {
            action.accept(item);
        }
    }

    private ObjectNode envelope(String status, StopReason stop, Usage usage) {
        ArrayNode output = Json.MAPPER.createArrayNode();
        if (!status.equals("in_progress")) {
            finished.values().forEach(output::add);
        }
        return ResponseEnvelope.build(id, created, model, status, stop, request, output, usage);
    }

    private static ObjectNode event(String type) {
        return Json.MAPPER.createObjectNode().put("type", type);
    }

    private static ObjectNode itemEvent(String type, OpenItem item) {
        return event(type).put("item_id", item.itemId).put("output_index", item.outputIndex);
    }

    private void send(ObjectNode event, StreamText out) {
        event.put("sequence_number", sequence++);
        SseJson.event(out, event.get("type").textValue(), event);
    }
}
