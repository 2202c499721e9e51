package dev.switchboard.server;

import dev.switchboard.format.openai.OpenAiErrors;
import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requests the HTTP decoder could not read (request line or headers over their caps, broken
 * syntax) get a JSON error like every other refusal, instead of Vert.x's empty default, and the
 * connection is marked for closing since its framing can no longer be trusted (closing it at once
 * would reset it while the client is still sending, and the client would never see the answer).
 */
final class InvalidRequests {
    private InvalidRequests() {}

    static void handle(HttpServerRequest request) {
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        int status = 400;
        String message = "malformed HTTP request";
        if (cause instanceof TooLongFrameException) {
            String text = String.valueOf(cause.getMessage()).toLowerCase();
            if (text.contains("header")) {
                status = 431;
                message = "request headers are larger than the limit";
            } else {
                status = 414;
                message = "request line (URL) is longer than the limit";
            }
        }
        GatewayError error = new GatewayError(ErrorKind.INVALID_REQUEST, message, null, "invalid_http_request");
        request.response()
                .setStatusCode(status)
                .putHeader("content-type", "application/json")
                .putHeader("connection", "close")
                .end(Buffer.buffer(OpenAiErrors.body(error)));
    }
}
