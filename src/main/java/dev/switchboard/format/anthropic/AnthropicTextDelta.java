package dev.switchboard.format.anthropic;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.switchboard.format.Json;
import java.io.IOException;

/**
 * The event a long Anthropic stream is mostly made of, {@code content_block_delta} with a
 * {@code text_delta}, read with the streaming parser instead of as a tree: a translated stream reads
 * one per token, and building the tree was the largest single cost of translating it.
 *
 * <p>Only the exact shape is taken ({@code type}, {@code index}, {@code delta.type}, {@code delta.text}
 * in any order and nothing else); anything else, malformed JSON included, is null and goes the tree
 * way, which keeps every check and error message in one place.
 *
 * <p>Anthropic serialises the event compactly in that field order, and most tokens need no escape: such
 * an event is matched as text, the token being the characters between the quotes. Any other spelling
 * (whitespace, another order, an escape, a control character) goes through the parser.
 */
record AnthropicTextDelta(int index, String text) {
    private static final String HEAD = "{\"type\":\"content_block_delta\",\"index\":";
    private static final String MIDDLE = ",\"delta\":{\"type\":\"text_delta\",\"text\":\"";
    private static final String TAIL = "\"}}";

    static AnthropicTextDelta parse(String data) {
        AnthropicTextDelta compact = compact(data);
        return compact != null ? compact : parsed(data);
    }

    /** The compact spelling with a token that needs no unescaping, else null. */
    static AnthropicTextDelta compact(String data) {
        if (!data.startsWith(HEAD) || !data.endsWith(TAIL)) {
            return null;
        }
        int at = HEAD.length();
        int digitsEnd = at;
        while (digitsEnd < data.length() && data.charAt(digitsEnd) >= '0' && data.charAt(digitsEnd) <= '9') {
            digitsEnd++;
        }
        int index = AnthropicCompactEvents.index(data, at, digitsEnd);
        if (index < 0 || !data.startsWith(MIDDLE, digitsEnd)) {
            return null;
        }
        int from = digitsEnd + MIDDLE.length();
        int to = data.length() - TAIL.length();
        if (to < from) {
            return null;
        }
        for (int i = from; i < to; i++) {
            char c = data.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20) {
                return null;
            }
        }
        return new AnthropicTextDelta(index, data.substring(from, to));
    }

    private static AnthropicTextDelta parsed(String data) {
        try (JsonParser p = Json.FACTORY.createParser(data)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            boolean typed = false;
            int index = -1;
            String text = null;
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "type" -> typed = v == JsonToken.VALUE_STRING && "content_block_delta".equals(p.getText());
                    case "index" -> index = v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                            ? p.getIntValue() : -1;
                    case "delta" -> text = v == JsonToken.START_OBJECT ? deltaText(p) : null;
                    default -> {
                        return null;
                    }
                }
                if (!typed && "type".equals(name) || index < 0 && "index".equals(name) || text == null && "delta".equals(name)) {
                    return null;
                }
            }
            return typed && index >= 0 && text != null && p.nextToken() == null ? new AnthropicTextDelta(index, text) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The text of a {@code {"type":"text_delta","text":…}} object the parser is at, else null. */
    private static String deltaText(JsonParser p) throws IOException {
        boolean textDelta = false;
        String text = null;
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if ("type".equals(name) && v == JsonToken.VALUE_STRING) {
                textDelta = "text_delta".equals(p.getText());
            } else if ("text".equals(name) && v == JsonToken.VALUE_STRING) {
                text = p.getText();
            } else {
                return null;
            }
        }
        return textDelta ? text : null;
    }
}
