package dev.switchboard.tenancy;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;

/** The answer to "who holds this key?". */
public sealed interface Lookup {
    record Found(Tenant tenant) implements Lookup {}

    /** @param tenant null when the key is unknown */
    record Refused(Reason reason, Tenant tenant) implements Lookup {
        /** The error the client gets; it names no secret, and for an unknown key nothing at all. */
        public GatewayError error() {
            return switch (reason) {
                case UNKNOWN -> new GatewayError(ErrorKind.AUTHENTICATION, "invalid API key", null, "invalid_api_key");
                case EXPIRED -> new GatewayError(ErrorKind.AUTHENTICATION,
                        "API key '" + tenant.key().name() + "' expired at " + tenant.key().expires(), null, "key_expired");
                case REVOKED -> new GatewayError(ErrorKind.AUTHENTICATION,
                        "API key '" + tenant.key().name() + "' has been revoked", null, "key_revoked");
                case PROJECT_INACTIVE -> new GatewayError(ErrorKind.PERMISSION,
                        "project '" + tenant.project().name() + "' of this API key is inactive", null, "project_inactive");
            };
        }
    }

    /** Why a key is refused, with the HTTP status the client sees. */
    enum Reason {
        UNKNOWN(401),
        EXPIRED(401),
        REVOKED(401),
        /** The key is fine but its project was deactivated or deleted: authenticated, not allowed. */
        PROJECT_INACTIVE(403);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
