package dev.switchboard.pipeline;

import dev.switchboard.format.ChatCodec;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.model.Usage;
import dev.switchboard.provider.Chunk;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A whole answer in another format: it can only be translated once complete, so it is collected (up to
 * the body limit) and the client gets one response with its length, or a clean error when the upstream
 * sent something that is not an answer of its format.
 */
final class TranslatedBodyRelay implements Relay {
    private final ClientExchange client;
    private final Translation translation;
    private final ChatCodec wire;
    private final int status;
    private final Map<String, String> headers;
    private final long maxBytes;
    private final Consumer<GatewayError> onBadAnswer;
    private final Runnable answered;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(2048);
    private Usage usage;

    /**
     * @param onBadAnswer answers the client with an error when the upstream body cannot be translated
     * @param answered    runs once the translated answer is ready, before it is sent
     */
    TranslatedBodyRelay(ClientExchange client, Translation translation, ChatCodec wire, int status,
            Map<String, String> headers, long maxBytes, Consumer<GatewayError> onBadAnswer, Runnable answered) {
        this.client = client;
        this.answered = answered;
        this.translation = translation;
        this.wire = wire;
        this.status = status;
        this.headers = headers;
        this.maxBytes = maxBytes;
        this.onBadAnswer = onBadAnswer;
    }

    @Override
    public boolean deferredBegin() {
        return true;
    }

    @Override
    public boolean onData(Chunk chunk) {
        if (body.size() + (long) chunk.length() > maxBytes) {
            throw new GatewayError(ErrorKind.UPSTREAM_ERROR, "upstream answer exceeds " + maxBytes + " bytes");
        }
        chunk.readTo(body::write);
        return true;
    }

    @Override
    public void onEnd() {
        Translation.Answer answer;
        try {
            answer = translation.answer(body.toByteArray(), wire);
        } catch (GatewayError e) {
            onBadAnswer.accept(e);
            return;
        }
        usage = answer.usage();
        answered.run();
        headers.put("content-type", "application/json");
        client.respond(status, headers, answer.body());
    }

    @Override
    public void onFailure(GatewayError error) {
        onBadAnswer.accept(error); // nothing reached the client yet: it still gets a proper error
    }

    @Override
    public Usage usage() {
        return usage;
    }
}
