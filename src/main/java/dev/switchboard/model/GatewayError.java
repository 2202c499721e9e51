package dev.switchboard.model;

/**
 * An error the gateway itself answers with. {@code param} names the offending field where there is
 * one. Thrown as an exception only across step boundaries; the message is shown to clients, so it
 * must never contain a secret.
 */
public final class GatewayError extends RuntimeException {
    private final ErrorKind kind;
    private final String param;
    private final String code;

    public GatewayError(ErrorKind kind, String message) {
        this(kind, message, null, null);
    }

    public GatewayError(ErrorKind kind, String message, String param, String code) {
        super(message, null, false, false);
        this.kind = kind;
        this.param = param;
        this.code = code;
    }

    public ErrorKind kind() {
        return kind;
    }

    public int status() {
        return kind.status();
    }

    public String param() {
        return param;
    }

    public String code() {
        return code;
    }

    public static GatewayError invalid(String message, String param) {
        return new GatewayError(ErrorKind.INVALID_REQUEST, message, param, null);
    }
}
