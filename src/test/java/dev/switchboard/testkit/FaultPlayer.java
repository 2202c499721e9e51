package dev.switchboard.testkit;

import dev.switchboard.testkit.FakeUpstream.Fault;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends a dialect's reply through a fault: an error status in the dialect's shape (its body at once or
 * late), a reset before the headers, slow headers, malformed JSON, or a stream that stalls, resets, reports an error event, goes
 * out with a Content-Length, or runs long. Without a fault the reply goes out as it is.
 */
final class FaultPlayer {
    private final Vertx vertx;
    private final AnswerLedger ledger;
    private final AtomicLong streamedBytes = new AtomicLong();

    FaultPlayer(Vertx vertx, AnswerLedger ledger) {
        this.vertx = vertx;
        this.ledger = ledger;
    }

    long streamedBytes() {
        return streamedBytes.get();
    }

    void play(HttpServerRequest req, FakeRequest request, FakeDialect dialect, Fault fault) {
        HttpServerResponse resp = req.response();
        if (resp.closed()) {
            return; // the gateway gave up while we waited
        }
        switch (fault) {
            case Fault.ResetBeforeHeaders r -> req.connection().close();
            case Fault.Status s -> {
                FakeReply.Whole error = dialect.error(request, s.status(), "fake upstream error " + s.status());
                if (s.retryAfter() != null) {
                    resp.putHeader("retry-after", s.retryAfter());
                }
                error.headers().forEach(resp::putHeader);
                resp.setStatusCode(s.status()).putHeader("content-type", "application/json")
                        .end(s.body() != null ? s.body() : error.body());
            }
            case Fault.StatusWithSlowBody s -> {
                FakeReply.Whole error = dialect.error(request, s.status(), "fake upstream error " + s.status());
                error.headers().forEach(resp::putHeader);
                resp.setStatusCode(s.status()).putHeader("content-type", "application/json").setChunked(true);
                resp.writeHead().onSuccess(v -> vertx.setTimer(s.bodyDelay().toMillis(), id -> {
                    if (!resp.closed()) {
                        resp.end(error.body());
                    }
                }));
            }
            case Fault.SlowHeaders slow -> vertx.setTimer(slow.delay().toMillis(), id -> answer(resp, request, dialect, null));
            case null, default -> answer(resp, request, dialect, fault);
        }
    }

    private void answer(HttpServerResponse resp, FakeRequest request, FakeDialect dialect, Fault fault) {
        if (resp.closed()) {
            return;
        }
        if (fault instanceof Fault.MalformedJson) {
            resp.putHeader("content-type", "application/json").end("{\"id\": \"broken\", \"choices\": [");
            return;
        }
        FakeReply reply = dialect.answer(request);
        reply.headers().forEach(resp::putHeader);
        switch (reply) {
            case FakeReply.Whole whole -> {
                ledger.mark(whole.answer(), false); // before the bytes leave, so no reader can be ahead of it
                resp.setStatusCode(whole.status()).putHeader("content-type", "application/json").end(whole.body());
            }
            case FakeReply.Stream stream -> stream(resp, stream, dialect, fault);
        }
    }

    private void stream(HttpServerResponse resp, FakeReply.Stream reply, FakeDialect dialect, Fault fault) {
        List<String> events = reply.events();
        if (fault instanceof Fault.SseWithLength withLength) {
            String all = String.join("", events);
            resp.putHeader("content-type", reply.contentType())
                    .putHeader("content-length", Integer.toString(Buffer.buffer(all).length()));
            if (withLength.truncate()) {
                resp.write(all.substring(0, all.length() / 2));
                vertx.setTimer(20, id -> resp.reset());
            } else {
                resp.end(all);
            }
            return;
        }
        resp.setChunked(true).putHeader("content-type", reply.contentType()).putHeader("cache-control", "no-cache");
        if (fault instanceof Fault.LongStream big) {
            longStream(resp, dialect.longStream("x".repeat(1000)), big.totalBytes());
            return;
        }
        int limit = switch (fault) {
            case Fault.StallAfterEvents s -> s.events();
            case Fault.ResetAfterEvents r -> r.events();
            case Fault.ErrorEventAfterEvents e -> e.events();
            case null, default -> events.size();
        };
        ledger.mark(reply.answer(), limit < events.size());
        for (int i = 0; i < Math.min(limit, events.size()); i++) {
            resp.write(events.get(i));
        }
        switch (fault) {
            case Fault.StallAfterEvents s -> { } // never end: the gateway's idle timeout must notice
            case Fault.ResetAfterEvents r -> vertx.setTimer(20, id -> resp.reset());
            case Fault.ErrorEventAfterEvents e -> resp.end(dialect.errorEvent(e.status(), "fake upstream error " + e.status()));
            case null, default -> resp.end();
        }
    }

    private void longStream(HttpServerResponse resp, FakeDialect.LongStream shape, long totalBytes) {
        Buffer event = Buffer.buffer(shape.repeated());
        shape.head().forEach(h -> resp.write(h).onSuccess(v -> streamedBytes.addAndGet(h.length())));
        long[] produced = {0};
        Runnable[] pump = new Runnable[1];
        pump[0] = () -> {
            // a bounded batch per turn, so that a close of the connection is seen between batches
            for (int i = 0; i < 64 && !resp.writeQueueFull() && produced[0] < totalBytes && !resp.closed(); i++) {
                produced[0] += event.length();
                // counted once the socket took it, so the figure is what really left this server
                resp.write(event).onSuccess(v -> streamedBytes.addAndGet(event.length()));
            }
            if (resp.closed()) {
                return;
            }
            if (produced[0] >= totalBytes) {
                resp.end(String.join("", shape.tail()));
            } else if (resp.writeQueueFull()) {
                resp.drainHandler(v -> pump[0].run());
            } else {
                vertx.runOnContext(v -> pump[0].run());
            }
        };
        pump[0].run();
    }
}
