package dev.switchboard.pipeline;

import dev.switchboard.model.ErrorKind;

/** The canonical kind of an HTTP error status, for records of errors the gateway relayed unchanged. */
final class ErrorKinds {
    private ErrorKinds() {}

    static ErrorKind ofStatus(int status) {
        return switch (status) {
            case 400, 422 -> ErrorKind.INVALID_REQUEST;
            case 401 -> ErrorKind.AUTHENTICATION;
            case 403 -> ErrorKind.PERMISSION;
            case 404 -> ErrorKind.NOT_FOUND;
            case 405 -> ErrorKind.METHOD_NOT_ALLOWED;
            case 413 -> ErrorKind.PAYLOAD_TOO_LARGE;
            case 429 -> ErrorKind.RATE_LIMITED;
            case 499 -> ErrorKind.INVALID_REQUEST;
            case 503, 529 -> ErrorKind.OVERLOADED;
            case 504, 408 -> ErrorKind.TIMEOUT;
            default -> status >= 500 ? ErrorKind.UPSTREAM_ERROR : ErrorKind.INVALID_REQUEST;
        };
    }
}
