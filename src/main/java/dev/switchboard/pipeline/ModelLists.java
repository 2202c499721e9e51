package dev.switchboard.pipeline;

import dev.switchboard.format.anthropic.AnthropicModels;
import dev.switchboard.format.gemini.GeminiModels;
import dev.switchboard.format.openai.OpenAiModels;
import dev.switchboard.model.chat.ClientFormat;
import java.time.Instant;
import java.util.List;

/** The catalog in each API's own list shape, so every SDK's {@code models.list()} works. */
final class ModelLists {
    private ModelLists() {}

    static byte[] list(ClientFormat format, List<OpenAiModels.Entry> entries) {
        return switch (format) {
            case OPENAI_CHAT, OPENAI_RESPONSES -> OpenAiModels.list(entries);
            case ANTHROPIC -> AnthropicModels.list(entries.stream().map(ModelLists::anthropic).toList());
            case GEMINI -> GeminiModels.list(entries.stream().map(e -> GeminiModels.Entry.chat(e.id())).toList());
        };
    }

    static byte[] one(ClientFormat format, OpenAiModels.Entry entry) {
        return switch (format) {
            case OPENAI_CHAT, OPENAI_RESPONSES -> OpenAiModels.one(entry);
            case ANTHROPIC -> AnthropicModels.one(anthropic(entry));
            case GEMINI -> GeminiModels.one(GeminiModels.Entry.chat(entry.id()));
        };
    }

    private static AnthropicModels.Entry anthropic(OpenAiModels.Entry e) {
        return AnthropicModels.Entry.of(e.id(), Instant.ofEpochSecond(e.created()));
    }
}
