package dev.switchboard.server;

import dev.switchboard.provider.UpstreamFailure;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;

/** Maps Netty/Vert.x exceptions to the canonical failure kinds, without leaking their text. */
final class UpstreamFailures {
    private UpstreamFailures() {}

    static UpstreamFailure classify(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof ConnectTimeoutException || root instanceof ConnectException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof ConnectTimeoutException || t instanceof ConnectTimeoutException) {
            return new UpstreamFailure(UpstreamFailure.Kind.CONNECT_TIMEOUT, "connect timeout");
        }
        if (root instanceof ConnectException || root instanceof UnknownHostException) {
            return new UpstreamFailure(UpstreamFailure.Kind.CONNECT, root.getClass().getSimpleName());
        }
        if (t instanceof HttpClosedException || root instanceof ClosedChannelException) {
            return new UpstreamFailure(UpstreamFailure.Kind.RESET, "connection closed");
        }
        if (t instanceof VertxException && t.getMessage() != null && t.getMessage().contains("timeout")) {
            return new UpstreamFailure(UpstreamFailure.Kind.CONNECT_TIMEOUT, "connect timeout");
        }
        return new UpstreamFailure(UpstreamFailure.Kind.RESET, t.getClass().getSimpleName());
    }
}
