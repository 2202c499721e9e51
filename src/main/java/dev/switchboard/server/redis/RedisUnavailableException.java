package dev.switchboard.server.redis;

/**
 * Redis did not run a command: down, too slow, or the command never left. Without a stack trace, as it
 * fails every admission while Redis is down and the message says all there is to say.
 */
final class RedisUnavailableException extends RuntimeException {
    RedisUnavailableException(String message) {
        super(message, null, false, false);
    }
}
