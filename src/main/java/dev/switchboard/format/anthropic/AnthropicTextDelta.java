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
 */
record AnthropicTextDelta(int index, String text) {

    static AnthropicTextDelta parse(String data) {
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
