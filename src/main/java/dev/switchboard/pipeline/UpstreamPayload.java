package dev.switchboard.pipeline;

import dev.switchboard.format.ChatCodec;
import dev.switchboard.format.Codecs;
import dev.switchboard.format.openai.BodyRewriter;
import dev.switchboard.format.openai.ProbedRequest;
import dev.switchboard.model.Endpoint;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.WireFormat;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ClientFormat;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.UpstreamOp;
import dev.switchboard.routing.Candidate;

/**
 * What one call sends to each candidate: the client's bytes when the provider speaks the client's
 * format, else the request translated for the provider's format; and the operation that says where.
 */
final class UpstreamPayload {
    private final Inbound inbound;
    private final ProbedRequest probe;
    private final byte[] body;
    /** The request in canonical form, for candidates of another format; null when none needs it. */
    private final Translation translation;

    UpstreamPayload(Inbound inbound, ProbedRequest probe, byte[] body, Translation translation) {
        this.inbound = inbound;
        this.probe = probe;
        this.body = body;
        this.translation = translation;
    }

    /**
     * Same format on both sides: the client's bytes go as they are (apart from the model name and the
     * usage request). OpenAI Responses calls go to OpenAI-format providers untranslated as well.
     */
    static boolean passthrough(Inbound inbound, WireFormat wire) {
        ClientFormat f = inbound.format();
        return f.sameWire() == wire || (f == ClientFormat.OPENAI_RESPONSES && wire == WireFormat.OPENAI)
                || inbound.endpoint() == Endpoint.EMBEDDINGS && wire == WireFormat.OPENAI && f == ClientFormat.OPENAI_CHAT
                || inbound.endpoint() == Endpoint.EMBEDDINGS && wire == WireFormat.GEMINI && f == ClientFormat.GEMINI;
    }

    boolean passthrough(WireFormat wire) {
        return passthrough(inbound, wire);
    }

    /** An untouched OpenAI chat stream whose client did not ask for usage: the gateway asks for it. */
    boolean asksForUsage(boolean passthrough) {
        return passthrough && probe.stream() && inbound.format() == ClientFormat.OPENAI_CHAT && !probe.clientWantsUsage();
    }

    /** @throws GatewayError when the candidate cannot take the request as asked (another may) */
    byte[] bodyFor(Provider provider, ChatCodec wireCodec, Candidate c, boolean passthrough, boolean askForUsage) {
        if (passthrough) {
            // Gemini puts the model in the URL, so its body stays as it came
            return inbound.format() == ClientFormat.GEMINI ? body
                    : BodyRewriter.rewrite(body, probe, c.upstreamModel(), askForUsage);
        }
        if (wireCodec == null || translation == null) {
            throw GatewayError.invalid("provider '" + provider.name() + "' (format "
                    + provider.format().name().toLowerCase() + ") cannot serve this " + inbound.format().name().toLowerCase()
                    + " " + inbound.endpoint().label() + " request", null);
        }
        return translation.encodeFor(provider.format(), wireCodec, c.upstreamModel());
    }

    UpstreamOp op(Candidate c, boolean passthrough) {
        Endpoint endpoint = passthrough || inbound.endpoint() == Endpoint.EMBEDDINGS ? inbound.endpoint() : Endpoint.CHAT;
        // translated embeddings always use Gemini's batch method: it takes one text or many
        return new UpstreamOp(endpoint, probe.stream(), c.upstreamModel(), !passthrough || inbound.batch());
    }

    /** The request in canonical form, for a local prompt count; null when no codec reads the client's format. */
    ChatRequest canonical(Codecs codecs) {
        if (translation instanceof ChatTranslation chat) {
            return chat.request();
        }
        ChatCodec codec = codecs.client(inbound.format());
        return codec == null ? null : codec.decodeRequest(body, inbound.pathModel(), inbound.pathStream());
    }
}
