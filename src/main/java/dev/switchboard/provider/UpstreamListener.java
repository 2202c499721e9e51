package dev.switchboard.provider;

/**
 * Receives one upstream answer. Calls arrive on one thread, in order: {@code onHeaders}, any number of
 * {@code onData}, then exactly one of {@code onEnd} or {@code onFailure} (a failure may also come
 * before any header). After {@code UpstreamCall.cancel()} nothing more is delivered.
 */
public interface UpstreamListener {
    void onHeaders(int status, HeaderLookup headers);

    void onData(Chunk chunk);

    void onEnd();

    void onFailure(UpstreamFailure failure);
}
