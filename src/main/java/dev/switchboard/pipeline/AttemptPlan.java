package dev.switchboard.pipeline;

import dev.switchboard.format.ChatCodec;
import dev.switchboard.model.WireFormat;
import dev.switchboard.routing.Candidate;

/**
 * What one attempt sends to one candidate, and in which format; the call reads it back to choose the
 * relay, to translate an error answer and to correct a refused request.
 *
 * @param wireCodec     the upstream format's codec, translating or not (it also reads Anthropic and Gemini usage)
 * @param passthrough   the client's format on both sides: the bytes go through untranslated
 * @param askedForUsage the gateway added a usage request the client did not make
 * @param body          the bytes sent
 */
record AttemptPlan(Candidate candidate, WireFormat wire, ChatCodec wireCodec, boolean passthrough,
        boolean askedForUsage, byte[] body) {

    /** The upstream format's codec when this attempt translates, else null. */
    ChatCodec translatingCodec() {
        return passthrough ? null : wireCodec;
    }
}
