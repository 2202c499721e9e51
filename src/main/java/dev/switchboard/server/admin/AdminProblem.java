package dev.switchboard.server.admin;

/**
 * A refusal of the admin API, rendered as {@code {"error":{"message","type","param"}}} with its status.
 * Messages name fields and ids, never a value that could be a secret.
 */
final class AdminProblem extends RuntimeException {
    private final int status;
    private final String type;
    private final String param;

    AdminProblem(int status, String type, String message, String param) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.param = param;
    }

    static AdminProblem invalid(String message, String param) {
        return new AdminProblem(400, "invalid_request_error", message, param);
    }

    static AdminProblem notFound(String message) {
        return new AdminProblem(404, "not_found_error", message, null);
    }

    static AdminProblem conflict(String message, String param) {
        return new AdminProblem(409, "conflict_error", message, param);
    }

    static AdminProblem unavailable(String message) {
        return new AdminProblem(503, "service_unavailable_error", message, null);
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }

    String param() {
        return param;
    }
}
