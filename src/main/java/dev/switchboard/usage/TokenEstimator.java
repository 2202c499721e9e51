package dev.switchboard.usage;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.Message;
import dev.switchboard.model.chat.Part;
import dev.switchboard.model.chat.ToolDef;
import java.util.List;
import java.util.Locale;

/**
 * Counts tokens locally for the records where the provider gave no numbers (an aborted stream, an
 * upstream that omits usage). Such records are marked {@code estimated}.
 *
 * <p>OpenAI models use their own tokenizer (o200k_base for GPT-4o, GPT-4.1, GPT-5 and the o-series;
 * cl100k_base for GPT-4 and GPT-3.5). Other vendors do not publish theirs, so Claude, Gemini and open
 * models are counted with o200k_base too: an approximation, typically within 10–20 %, which is why
 * the record says so. Message framing follows OpenAI's published rule of thumb: 3 tokens per message,
 * 3 to prime the reply; each image counts as a flat {@value #IMAGE_TOKENS} tokens.
 */
public final class TokenEstimator {
    static final int IMAGE_TOKENS = 765;
    private static final int PER_MESSAGE = 3;
    private static final int REPLY_PRIMING = 3;

    private final Encoding o200k;
    private final Encoding cl100k;

    public TokenEstimator() {
        // Both vocabularies are loaded here, at start-up (together about 45 MB of heap): loading one takes a
        // few hundred milliseconds, which the first estimate would otherwise spend on an event loop.
        EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
        this.o200k = registry.getEncoding(EncodingType.O200K_BASE);
        this.cl100k = registry.getEncoding(EncodingType.CL100K_BASE);
    }

    /** Tokens of plain text as {@code model} would count them (approximately, for non-OpenAI models). */
    public int count(String model, String text) {
        return text == null || text.isEmpty() ? 0 : encodingFor(model).countTokensOrdinary(text);
    }

    /** Prompt tokens of a whole request: system, messages, tool definitions and framing. */
    public long countPrompt(String model, ChatRequest request) {
        Encoding enc = encodingFor(model);
        long tokens = REPLY_PRIMING;
        if (!request.system().isEmpty()) {
            tokens += PER_MESSAGE + parts(enc, request.system());
        }
        for (Message m : request.messages()) {
            tokens += PER_MESSAGE + parts(enc, m.parts());
        }
        for (ToolDef t : request.tools()) {
            tokens += text(enc, t.name()) + text(enc, t.description()) + text(enc, t.parametersJson());
        }
        return tokens;
    }

    /** An estimated usage for a request and the answer text that reached the client. */
    public Usage estimate(String model, ChatRequest request, String completion) {
        return new Usage(countPrompt(model, request), count(model, completion), 0, 0, 0, true);
    }

    private static long parts(Encoding enc, List<Part> parts) {
        long tokens = 0;
        for (Part p : parts) {
            tokens += switch (p) {
                case Part.Text t -> text(enc, t.text());
                case Part.ToolCall c -> text(enc, c.name()) + text(enc, c.argsJson());
                case Part.ToolResult r -> parts(enc, r.content());
                case Part.Thinking th -> text(enc, th.text());
                case Part.Image i -> IMAGE_TOKENS;
                default -> 0;
            };
        }
        return tokens;
    }

    private static int text(Encoding enc, String s) {
        return s == null || s.isEmpty() ? 0 : enc.countTokensOrdinary(s);
    }

    Encoding encodingFor(String model) {
        String m = model == null ? "" : PricingTable.normalize(model).toLowerCase(Locale.ROOT);
        boolean legacyOpenAi = (m.startsWith("gpt-4") && !m.startsWith("gpt-4o") && !m.startsWith("gpt-4."))
                || m.startsWith("gpt-3.5") || m.startsWith("text-embedding");
        return legacyOpenAi ? cl100k : o200k;
    }
}
