package dev.switchboard.format.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.switchboard.format.Json;
import dev.switchboard.model.Usage;
import dev.switchboard.sse.SseEvent;
import java.io.IOException;

/**
 * Side decoder of a Chat Completions stream: watches the events go by and remembers the usage.
 * Only events whose data mentions a non-null {@code usage} are parsed, so a plain content chunk costs
 * a substring scan. Also tells which event is the usage-only chunk ({@code choices: []}) so that it
 * can be withheld from a client that did not ask for it.
 */
public final class ChatStreamTap {
    private Usage usage;
    private boolean sawDone;

    /** @return true when this event is the usage-only final chunk */
    public boolean onEvent(SseEvent event) {
        String data = event.data();
        if (data == null) {
            return false;
        }
        if (event.isDone()) {
            sawDone = true;
            return false;
        }
        int at = data.indexOf("\"usage\"");
        if (at < 0 || !objectFollows(data, at + 7)) {
            return false;
        }
        return parse(data);
    }

    public Usage usage() {
        return usage;
    }

    public boolean sawDone() {
        return sawDone;
    }

    private static boolean objectFollows(String s, int i) {
        int n = s.length();
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == ':' || s.charAt(i) == '\t')) {
            i++;
        }
        return i < n && s.charAt(i) == '{';
    }

    private boolean parse(String data) {
        boolean emptyChoices = false;
        try (JsonParser p = Json.FACTORY.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if ("choices".equals(name) && t == JsonToken.START_ARRAY) {
                    emptyChoices = p.nextToken() == JsonToken.END_ARRAY;
                    if (!emptyChoices) {
                        p.skipChildren(); // we are inside the first element: skip it, then the rest
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            p.skipChildren();
                        }
                    }
                } else if ("usage".equals(name) && t == JsonToken.START_OBJECT) {
                    usage = OpenAiUsage.readUsage(p);
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return emptyChoices && usage != null;
    }
}
