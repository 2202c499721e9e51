package dev.switchboard.pipeline;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.provider.UpstreamFailure;
import java.nio.charset.StandardCharsets;

/** What an upstream's failure means: whose fault it is, and what the client is told. */
final class UpstreamOutcomes {
    private UpstreamOutcomes() {}

    /** Whom an error answer is about, which decides what is set aside and what is tried next. */
    enum Verdict {
        /** 429 for this key: rest it for the server's delay, another key may answer */
        KEY_RATE_LIMITED,
        /** 429 saying the quota or credit is gone: rest the key for much longer */
        KEY_EXHAUSTED,
        /** 401/403: the key is wrong or revoked; out until the config changes */
        KEY_REJECTED,
        /** 5xx, 408, keyless 429: the deployment is unwell; count it and fail over */
        PROVIDER_FAILING,
        /** any other 4xx: the request itself; returned as is, counted against nothing */
        CLIENT_ERROR
    }

    static Verdict verdict(int status, boolean keyed, byte[] body) {
        if (keyed && (status == 401 || status == 403)) {
            return Verdict.KEY_REJECTED;
        }
        if (keyed && status == 429) {
            return quotaGone(body) ? Verdict.KEY_EXHAUSTED : Verdict.KEY_RATE_LIMITED;
        }
        return status == 408 || status == 429 || status >= 500 ? Verdict.PROVIDER_FAILING : Verdict.CLIENT_ERROR;
    }

    /** OpenAI says {@code insufficient_quota}, others word it in the message; both mean "not soon". */
    private static boolean quotaGone(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8).toLowerCase();
        return text.contains("insufficient_quota") || text.contains("exceeded your current quota")
                || text.contains("credit balance is too low");
    }

    static GatewayError toError(UpstreamFailure f, String provider) {
        return switch (f.kind()) {
            case CONNECT -> new GatewayError(ErrorKind.UPSTREAM_ERROR, "upstream provider '" + provider + "' is unreachable");
            case CONNECT_TIMEOUT -> new GatewayError(ErrorKind.TIMEOUT, "connecting to provider '" + provider + "' timed out");
            case FIRST_BYTE_TIMEOUT -> new GatewayError(ErrorKind.TIMEOUT, "provider '" + provider + "' did not answer in time");
            case IDLE_TIMEOUT -> new GatewayError(ErrorKind.TIMEOUT, "provider '" + provider + "' stalled mid-answer");
            case TOTAL_TIMEOUT -> new GatewayError(ErrorKind.TIMEOUT, "provider '" + provider + "' exceeded the total time limit");
            case RESET -> new GatewayError(ErrorKind.UPSTREAM_ERROR, "provider '" + provider + "' closed the connection");
            case LIMIT -> new GatewayError(ErrorKind.UPSTREAM_ERROR,
                    "provider '" + provider + "' sent an answer over a limit: " + f.detail());
        };
    }

    /** The access log's word for an error the gateway itself answered with. */
    static String outcomeOf(ErrorKind kind) {
        return switch (kind) {
            case TIMEOUT -> "upstream_timeout";
            case UPSTREAM_ERROR -> "upstream_unreachable";
            default -> "error";
        };
    }
}
