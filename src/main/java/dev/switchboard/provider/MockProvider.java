package dev.switchboard.provider;

import dev.switchboard.model.Timeouts;
import dev.switchboard.model.WireFormat;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The built-in {@code kind: mock} provider: an in-process echo model that speaks OpenAI Chat,
 * Responses and embeddings, streams, and reports usage, with no key and no network. It lets a new
 * user (and the tests) see the whole gateway work before any real provider is configured.
 */
public final class MockProvider implements Provider, UpstreamTransport {
    private static final Map<String, String> HEADERS = Map.of("content-type", "application/json");
    private final String name;
    private final List<String> models;
    private final MockAnswers answers;

    public MockProvider(String name, List<String> models, MockAnswers answers) {
        this.name = name;
        this.models = List.copyOf(models);
        this.answers = answers;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public WireFormat format() {
        return WireFormat.OPENAI;
    }

    @Override
    public Timeouts timeouts() {
        return Timeouts.DEFAULTS;
    }

    @Override
    public List<String> models() {
        return models;
    }

    @Override
    public UpstreamRequest request(UpstreamOp op, byte[] body, String key, String requestId) {
        return new UpstreamRequest("POST", URI.create("mock://" + name + op.endpoint().openAiPath()), HEADERS, body,
                Timeouts.DEFAULTS);
    }

    /** Answers synchronously: every chunk is delivered before this method returns. */
    @Override
    public UpstreamCall send(UpstreamRequest request, UpstreamListener listener) {
        MockAnswers.Answer answer = answers.answer(request.uri().getPath(), request.body());
        CancellableCall call = new CancellableCall();
        listener.onHeaders(answer.status(), h -> h.equalsIgnoreCase("content-type") ? answer.contentType() : null);
        for (byte[] chunk : answer.chunks()) {
            if (call.cancelled) {
                return call;
            }
            listener.onData(Chunk.of(chunk));
        }
        if (!call.cancelled) {
            listener.onEnd();
        }
        return call;
    }

    private static final class CancellableCall implements UpstreamCall {
        private boolean cancelled;

        @Override
        public void pause() {}

        @Override
        public void resume() {}

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
