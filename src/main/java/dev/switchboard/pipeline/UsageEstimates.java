package dev.switchboard.pipeline;

import dev.switchboard.format.Codecs;
import dev.switchboard.model.Usage;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.usage.TokenEstimator;
import java.util.function.Supplier;

/**
 * Usage for the record of an answer the provider reported no (or no final) numbers for: a stream the
 * client left or the upstream cut, an answer without usage. The prompt and the answer text the client
 * got are counted locally ({@link TokenEstimator}) and the record is marked estimated. A number the
 * provider did report is kept (an Anthropic stream reports its input tokens up front), and an estimate
 * never lowers one.
 */
final class UsageEstimates {
    private final TokenEstimator tokens;
    private final Codecs codecs;

    UsageEstimates(TokenEstimator tokens, Codecs codecs) {
        this.tokens = tokens;
        this.codecs = codecs;
    }

    /**
     * @param seen     what the provider reported, or null
     * @param cutShort the answer did not complete (client gone, upstream cut), so {@code seen} may be partial
     * @param request  the request in canonical form, decoded only if the prompt must be counted; may
     *                 supply null (not a chat call)
     * @param relay    what went to the client, or null when nothing did
     * @param model    the upstream model, whose tokenizer counts
     * @return the usage to bill, or null when there is nothing to bill
     */
    Usage fill(Usage seen, boolean cutShort, Supplier<ChatRequest> request, Relay relay, String model) {
        if (seen != null && !cutShort) {
            return seen;
        }
        long output = relay == null ? 0 : relay.countOutput(text -> tokens.count(model, text), codecs);
        if (seen == null) {
            long prompt = prompt(request, model);
            return prompt == 0 && output == 0 ? null : new Usage(prompt, output, 0, 0, 0, true);
        }
        long prompt = seen.input() > 0 ? seen.input() : prompt(request, model);
        boolean inputEstimated = prompt != seen.input();
        boolean outputEstimated = output > seen.output();
        if (!inputEstimated && !outputEstimated) {
            return seen;
        }
        return new Usage(prompt, Math.max(output, seen.output()), seen.cacheRead(), seen.cacheWrite(), seen.reasoning(),
                true);
    }

    private long prompt(Supplier<ChatRequest> request, String model) {
        try {
            ChatRequest r = request.get();
            return r == null ? 0 : tokens.countPrompt(model, r);
        } catch (RuntimeException e) {
            return 0; // a body the codec cannot read was refused or passed through as is: nothing to count
        }
    }
}
