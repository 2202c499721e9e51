package dev.switchboard.pipeline;

import dev.switchboard.provider.Chunk;
import dev.switchboard.sse.StreamText;
import java.util.Map;

/**
 * The client side of one call, as the pipeline sees it; the server adapts its HTTP objects to this
 * so that the pipeline stays free of any web framework. All methods are called on the thread that
 * delivered the request.
 */
public interface ClientExchange {
    /** @return the request header value, or null */
    String header(String name);

    /** @return the request path, without the query */
    String path();

    /** Runs {@code action} on the thread that delivered the request (after an asynchronous step). */
    void onContext(Runnable action);

    /** @return the first value of the URL query parameter, decoded, or null */
    String query(String name);

    /** @return the value of the request cookie, or null */
    String cookie(String name);

    /** Sends a complete response. */
    void respond(int status, Map<String, String> headers, byte[] body);

    /** Starts a response whose body follows in {@link #write} calls. */
    void begin(int status, Map<String, String> headers, long contentLength);

    /** @return false when the client's write queue is full: stop reading upstream until drained */
    boolean write(Chunk chunk);

    default boolean write(byte[] bytes) {
        return write(Chunk.of(bytes));
    }

    /**
     * Writes the text composed since the last write (events encoded, elements re-framed) as UTF-8 and
     * empties {@code composed}: one write per upstream chunk, however many events it completed, and
     * none when it completed none.
     *
     * @return as {@link #write(Chunk)}; true when there was nothing to write
     */
    default boolean writeComposed(StreamText composed) {
        return composed.isEmpty() || write(take(composed));
    }

    void onDrain(Runnable action);

    void end();

    /** Writes the last bytes and ends the response: for a chunked one, one write where two would go out. */
    default void end(Chunk last) {
        write(last);
        end();
    }

    /** As {@link #writeComposed}, for the text that completes the response, which it ends. */
    default void endComposed(StreamText composed) {
        if (composed.isEmpty()) {
            end();
        } else {
            end(take(composed));
        }
    }

    /** The composed bytes, handed over uncopied; {@code composed} is left empty for the next chunk's events. */
    private static Chunk take(StreamText composed) {
        return composed.take(Chunk::of);
    }

    /** Drops the connection: for a failure after part of a non-SSE body went out. */
    void abort();

    /** Runs when the client goes away before the response ended; at once when it already has. */
    void onClose(Runnable action);
}
