package dev.switchboard.store;

/**
 * A database operation failed. Unchecked so repository signatures stay readable; callers that must
 * survive an outage (the usage writer, the key cache) catch it at their boundary.
 */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
