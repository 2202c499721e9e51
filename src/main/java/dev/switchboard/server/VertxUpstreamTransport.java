package dev.switchboard.server;

import dev.switchboard.provider.UpstreamCall;
import dev.switchboard.provider.UpstreamFailure;
import dev.switchboard.provider.UpstreamListener;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamTransport;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.Map;
import java.util.function.LongSupplier;

/** Upstream calls over Vert.x's pooled HTTP client, with our deadlines and flow control. */
final class VertxUpstreamTransport implements UpstreamTransport {
    private final Vertx vertx;
    private final HttpClient client;
    private final LongSupplier nanoTime;

    VertxUpstreamTransport(Vertx vertx, HttpClient client, LongSupplier nanoTime) {
        this.vertx = vertx;
        this.client = client;
        this.nanoTime = nanoTime;
    }

    @Override
    public UpstreamCall send(UpstreamRequest request, UpstreamListener listener) {
        Call call = new Call(listener);
        call.deadlines = new UpstreamDeadlines(vertx, request.timeouts(), nanoTime, call::fail);
        URI uri = request.uri();
        boolean ssl = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
        String path = uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method()))
                .setHost(uri.getHost())
                .setPort(port)
                .setSsl(ssl)
                .setURI(path)
                .setConnectTimeout(request.timeouts().connect().toMillis());
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            options.putHeader(HeaderNames.of(h.getKey()), h.getValue());
        }
        client.request(options).onComplete(ar -> {
            if (ar.failed()) {
                call.fail(UpstreamFailures.classify(ar.cause()));
                return;
            }
            HttpClientRequest req = ar.result();
            if (call.finished) { // cancelled or timed out while connecting
                req.reset();
                return;
            }
            call.request = req;
            req.exceptionHandler(t -> call.fail(UpstreamFailures.classify(t)));
            req.response().onComplete(rr -> {
                if (rr.failed()) {
                    call.fail(UpstreamFailures.classify(rr.cause()));
                } else {
                    call.onResponse(rr.result());
                }
            });
            req.end(Buffer.buffer(request.body()));
        });
        return call;
    }

    private static final class Call implements UpstreamCall {
        private final UpstreamListener listener;
        UpstreamDeadlines deadlines;
        HttpClientRequest request;
        HttpClientResponse response;
        boolean finished;

        Call(UpstreamListener listener) {
            this.listener = listener;
        }

        void onResponse(HttpClientResponse resp) {
            if (finished) {
                return;
            }
            response = resp;
            deadlines.headers();
            resp.exceptionHandler(t -> fail(UpstreamFailures.classify(t)));
            resp.handler(buf -> {
                if (!finished) {
                    deadlines.activity();
                    listener.onData(new BufferChunk(buf));
                }
            });
            resp.endHandler(v -> {
                if (end()) {
                    listener.onEnd();
                }
            });
            listener.onHeaders(resp.statusCode(), name -> resp.getHeader(HeaderNames.of(name)));
        }

        void fail(UpstreamFailure failure) {
            if (end()) {
                abort();
                listener.onFailure(failure);
            }
        }

        @Override
        public void pause() {
            if (response != null && !finished) {
                response.pause();
                deadlines.paused(true);
            }
        }

        @Override
        public void resume() {
            if (response != null && !finished) {
                deadlines.paused(false);
                response.resume();
            }
        }

        @Override
        public void cancel() {
            if (end()) {
                abort();
            }
        }

        /**
         * The one way a call ends (answer complete, failure or cancel): its deadlines stop, and whatever
         * arrives later is ignored.
         *
         * @return false when the call had already ended
         */
        private boolean end() {
            if (finished) {
                return false;
            }
            finished = true;
            deadlines.cancel();
            return true;
        }

        /**
         * Closes the connection itself: a reset of an HTTP/1 request whose body was already sent does
         * not stop the provider, and a half-read answer makes the connection unusable anyway.
         */
        private void abort() {
            if (request != null) {
                request.reset();
                if (request.connection() != null) {
                    request.connection().close();
                }
            }
        }
    }
}
