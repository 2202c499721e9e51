package dev.switchboard.cli;

/** A failure the user should read (bad input, unreachable gateway, a refusal of the admin API): exit 1. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message, null, false, false);
    }
}
