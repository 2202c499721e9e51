package dev.switchboard.provider;

/** Handle on an upstream call in flight: flow control and cancellation. */
public interface UpstreamCall {
    /** Stop reading from upstream until {@link #resume()}: the client is slower than the provider. */
    void pause();

    void resume();

    /** Abort: the connection is closed so the provider stops generating (and billing). */
    void cancel();
}
