package dev.switchboard.server;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.BiConsumer;

/**
 * Reads a request body up to a limit. A declared Content-Length over the limit is refused before a
 * byte is read; a chunked body is refused the moment it crosses the limit, and the connection is
 * closed so the client cannot keep us reading.
 */
final class BodyReader {
    private BodyReader() {}

    /** @param done receives the body, or an error (then the body is null) */
    static void read(HttpServerRequest request, long maxBytes, BiConsumer<byte[], GatewayError> done) {
        String declared = request.getHeader(io.vertx.core.http.HttpHeaders.CONTENT_LENGTH);
        int initial = 1024;
        if (declared != null) {
            long length;
            try {
                length = Long.parseLong(declared.strip());
            } catch (NumberFormatException e) {
                done.accept(null, GatewayError.invalid("invalid Content-Length header", null));
                return;
            }
            if (length > maxBytes) {
                done.accept(null, tooLarge(maxBytes));
                return;
            }
            initial = (int) Math.max(0, length);
        }
        Buffer body = Buffer.buffer(initial);
        boolean[] failed = {false};
        request.handler(chunk -> {
            if (failed[0]) {
                return;
            }
            if (body.length() + (long) chunk.length() > maxBytes) {
                failed[0] = true;
                done.accept(null, tooLarge(maxBytes));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (!failed[0]) {
                done.accept(body.getBytes(), null);
            }
        });
    }

    private static GatewayError tooLarge(long maxBytes) {
        return new GatewayError(ErrorKind.PAYLOAD_TOO_LARGE,
                "request body exceeds the limit of " + maxBytes + " bytes", null, "request_too_large");
    }
}
