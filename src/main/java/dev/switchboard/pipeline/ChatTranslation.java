package dev.switchboard.pipeline;

import dev.switchboard.format.ChatCodec;
import dev.switchboard.format.Dropped;
import dev.switchboard.model.WireFormat;
import dev.switchboard.model.chat.ChatRequest;
import dev.switchboard.model.chat.ChatResponse;

/**
 * The client's request in canonical form, decoded once on the first attempt that needs it (a call
 * that only ever meets same-format providers never pays for a parse), and encoded per target.
 */
final class ChatTranslation implements Translation {
    private final ChatCodec clientCodec;
    private final byte[] body;
    private final Inbound inbound;
    private ChatRequest request;
    private Dropped dropped = new Dropped();

    ChatTranslation(ChatCodec clientCodec, byte[] body, Inbound inbound) {
        this.clientCodec = clientCodec;
        this.body = body;
        this.inbound = inbound;
    }

    ChatCodec clientCodec() {
        return clientCodec;
    }

    /** @throws dev.switchboard.model.GatewayError when the client's body is not a valid request */
    ChatRequest request() {
        if (request == null) {
            request = clientCodec.decodeRequest(body, inbound.pathModel(), inbound.pathStream());
        }
        return request;
    }

    /**
     * The body for a target of another format. The upstream is always asked for stream usage, since the
     * record needs it whatever the client asked; the client's encoder still follows the client's choice.
     *
     * @throws dev.switchboard.model.GatewayError when the target cannot honour a field of the request
     */
    @Override
    public byte[] encodeFor(WireFormat format, ChatCodec wire, String upstreamModel) {
        ChatRequest upstream = request().forUpstream(upstreamModel);
        Dropped attempt = new Dropped();
        byte[] encoded = wire.encodeRequest(upstream, attempt);
        dropped = attempt; // what the answering attempt dropped is what the client is told
        return encoded;
    }

    @Override
    public Dropped dropped() {
        return dropped;
    }

    @Override
    public Answer answer(byte[] upstreamBody, ChatCodec wire) {
        ChatResponse response = wire.decodeResponse(upstreamBody);
        return new Answer(clientCodec.encodeResponse(response, request()), response.usage());
    }
}
