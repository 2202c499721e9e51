package dev.switchboard.model.chat;

import java.util.Objects;

/**
 * A tool of the source format's own kind, which no other format can declare: a tool the provider runs
 * itself (web search, code execution, URL context …), one whose schema the provider defines (bash,
 * computer use), or a kind only that API has. Only an encoder of the source format puts it back; any
 * other refuses the request, as answering without the tool is not what the client asked for.
 *
 * @param path where the client's request has it, e.g. {@code tools[1]} or {@code tools[0].googleSearch}
 * @param type the API's own name for it, e.g. {@code web_search_20250305} or {@code googleSearch}
 * @param json its definition as the client sent it (raw JSON)
 */
public record ProviderTool(String path, String type, String json) {
    public ProviderTool {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(json, "json");
    }
}
