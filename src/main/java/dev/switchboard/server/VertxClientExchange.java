package dev.switchboard.server;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import dev.switchboard.pipeline.ClientExchange;
import dev.switchboard.provider.Chunk;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;

/** Adapts a Vert.x request/response pair to the pipeline's view of a client. */
final class VertxClientExchange implements ClientExchange {
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    /** The event loop that delivered the request: asynchronous steps come back to it. */
    private final Context context;

    VertxClientExchange(HttpServerRequest request) {
        this.request = request;
        this.response = request.response();
        this.context = Vertx.currentContext();
    }

    @Override
    public String path() {
        return request.path();
    }

    @Override
    public void onContext(Runnable action) {
        if (context == null || context == Vertx.currentContext()) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    @Override
    public String header(String name) {
        return request.getHeader(HeaderNames.of(name));
    }

    @Override
    public String query(String name) {
        return request.query() == null ? null : request.getParam(name);
    }

    @Override
    public String cookie(String name) {
        Cookie c = request.getCookie(name);
        return c == null ? null : c.getValue();
    }

    @Override
    public void respond(int status, Map<String, String> headers, byte[] body) {
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status);
        headers.forEach((k, v) -> response.putHeader(HeaderNames.of(k), v));
        response.end(Buffer.buffer(body));
    }

    @Override
    public void begin(int status, Map<String, String> headers, long contentLength) {
        response.setStatusCode(status);
        headers.forEach((k, v) -> response.putHeader(HeaderNames.of(k), v));
        if (contentLength >= 0) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(contentLength));
        } else {
            response.setChunked(true);
        }
    }

    @Override
    public boolean write(Chunk chunk) {
        if (response.closed() || response.ended()) {
            // a gone client must not look writable, or the upstream would be drained for nothing
            return false;
        }
        response.write(buffer(chunk));
        return !response.writeQueueFull();
    }

    @Override
    public void onDrain(Runnable action) {
        response.drainHandler(v -> {
            if (!response.closed()) {
                action.run();
            }
        });
    }

    @Override
    public void end() {
        if (!response.ended() && !response.closed()) {
            response.end();
        }
    }

    @Override
    public void end(Chunk last) {
        if (!response.ended() && !response.closed()) {
            response.end(buffer(last));
        }
    }

    /**
     * A chunk relayed from upstream is the transport's own buffer already; anything else is wrapped, not
     * copied: what the pipeline composes is a fresh array nobody writes to afterwards.
     */
    private static Buffer buffer(Chunk chunk) {
        return switch (chunk) {
            case BufferChunk b -> b.buffer();
            case Chunk.Head h -> BufferInternal.buffer(Unpooled.wrappedBuffer(h.array(), 0, h.length()));
            default -> BufferInternal.buffer(Unpooled.wrappedBuffer(chunk.bytes()));
        };
    }

    @Override
    public void abort() {
        if (!response.closed()) {
            response.reset();
        }
    }

    @Override
    public void onClose(Runnable action) {
        // a reset connection may surface as an exception before (or instead of) the close event
        boolean[] fired = {false};
        Runnable once = () -> {
            if (!fired[0]) {
                fired[0] = true;
                action.run();
            }
        };
        response.closeHandler(v -> once.run());
        response.exceptionHandler(t -> once.run());
        if (response.closed()) { // gone before anyone listened, e.g. while its admission waited on Redis
            once.run();
        }
    }
}
