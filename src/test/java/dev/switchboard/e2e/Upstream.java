package dev.switchboard.e2e;

import static dev.switchboard.testkit.FakeUpstream.CACHED_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.CACHE_WRITE_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.COMPLETION_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.PROMPT_TOKENS;
import static dev.switchboard.testkit.FakeUpstream.REASONING_TOKENS;

import dev.switchboard.model.Usage;
import dev.switchboard.testkit.FakeUpstream.Dialect;

/**
 * The three provider formats of the SDK matrix. Each has a route in {@link MatrixBed}'s gateway
 * ({@link #model()}) to the fake upstream speaking that format, and error routes of their own
 * ({@link #errorModel}) so that the key a 401 sets aside or a 429 rests is no other test's.
 */
enum Upstream {
    OPENAI("openai", Dialect.OPENAI, "gpt-fake"),
    ANTHROPIC("anthropic", Dialect.ANTHROPIC, "claude-fake-1"),
    GEMINI("gemini", Dialect.GEMINI, "gemini-fake");

    final String format;
    final Dialect dialect;
    final String upstreamModel;

    Upstream(String format, Dialect dialect, String upstreamModel) {
        this.format = format;
        this.dialect = dialect;
        this.upstreamModel = upstreamModel;
    }

    /** The alias a client sends to reach this upstream. */
    String model() {
        return "to-" + format;
    }

    /**
     * The alias of a route whose only key meets a scripted {@code status} (and nothing else does), one for
     * whole answers and one for streams, since a 401 sets its key aside for good.
     */
    String errorModel(int status, boolean stream) {
        return "err" + status + (stream ? "s-" : "-") + format;
    }

    /**
     * What the fake reports, in canonical terms (input counts every prompt token, reasoning is part of
     * the output): the same totals in every dialect, but Anthropic reports cache writes and no reasoning
     * count, while OpenAI and Gemini report reasoning and no cache writes.
     */
    Usage reported() {
        return this == ANTHROPIC
                ? new Usage(PROMPT_TOKENS, COMPLETION_TOKENS, CACHED_TOKENS, CACHE_WRITE_TOKENS, 0, false)
                : new Usage(PROMPT_TOKENS, COMPLETION_TOKENS, CACHED_TOKENS, 0, REASONING_TOKENS, false);
    }
}
