package dev.switchboard.format.openai;

import dev.switchboard.model.Usage;
import dev.switchboard.sse.SseEvent;

/**
 * Side decoder of a Responses API stream: usage arrives once, inside the terminal
 * {@code response.completed} (or {@code response.incomplete} / {@code response.failed}) event.
 */
public final class ResponsesStreamTap {
    private Usage usage;
    private boolean terminal;

    public void onEvent(SseEvent event) {
        String type = event.event();
        String data = event.data();
        if (data == null) {
            return;
        }
        boolean isTerminal = type != null
                ? type.equals("response.completed") || type.equals("response.incomplete") || type.equals("response.failed")
                : data.contains("\"response.completed\"") || data.contains("\"response.incomplete\"")
                        || data.contains("\"response.failed\"");
        if (!isTerminal) {
            return;
        }
        terminal = true;
        Usage u = OpenAiUsage.fromResponseEvent(data);
        if (u != null) {
            usage = u;
        }
    }

    public Usage usage() {
        return usage;
    }

    public boolean sawTerminalEvent() {
        return terminal;
    }
}
