package dev.switchboard.tenancy;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why a request was refused, with what the client needs to back off.
 *
 * @param limitValue        the limit that was hit, in its unit (requests, tokens, requests in flight);
 *                          for budgets the budget in whole dollars, rounded up — see {@link #budget}
 * @param remaining         what is left of it now
 * @param resetEpochSeconds when it resets, in epoch seconds; 0 when it never does (a request cap)
 * @param retryAfterSeconds when a retry may pass if nothing else arrives; 0 when none ever will
 * @param budget            the budget that is spent, null for the other limits
 * @param spentUsd          what was spent in the budget's period, null for the other limits
 */
public record Rejection(
        Scope.Kind scope, String scopeName, LimitKind limit, long limitValue, long remaining, long resetEpochSeconds,
        long retryAfterSeconds, Limits.Budget budget, BigDecimal spentUsd) {

    /** For the client, in its own format: 429 with a code per kind of limit. */
    public GatewayError error() {
        String code = switch (limit) {
            case RPM, TPM -> "rate_limit_exceeded";
            case CONCURRENCY -> "concurrency_limit_exceeded";
            case MAX_REQUESTS -> "request_cap_reached";
            case BUDGET -> "budget_exceeded";
        };
        return new GatewayError(ErrorKind.RATE_LIMITED, message(), null, code);
    }

    /** Names the key or project and the limit, never a secret. */
    public String message() {
        String who = scope.label() + " '" + scopeName + "'";
        String retry = retryAfterSeconds > 0 ? "; retry in " + retryAfterSeconds + " s" : "";
        return switch (limit) {
            case RPM -> "rate limit reached: " + who + " allows " + limitValue + " requests per minute" + retry;
            case TPM -> retryAfterSeconds == 0
                    ? "request too large: its estimated tokens exceed the " + limitValue + " tokens per minute " + who + " allows"
                    : "rate limit reached: " + who + " allows " + limitValue + " tokens per minute" + retry;
            case CONCURRENCY -> "too many requests in flight: " + who + " allows " + limitValue + " at once" + retry;
            case MAX_REQUESTS -> "request cap reached: " + who + " allows " + limitValue + " requests in total";
            case BUDGET -> "budget exceeded: the " + budget.period().adjective() + " budget of $"
                    + budget.usd().toPlainString() + " of " + who + " is spent ($" + spentUsd.toPlainString()
                    + "); it resets at " + Instant.ofEpochSecond(resetEpochSeconds);
        };
    }

    /**
     * {@code Retry-After} (seconds) when a retry can pass, and for rates {@code x-ratelimit-limit},
     * {@code x-ratelimit-remaining} and {@code x-ratelimit-reset} (epoch seconds, as GitHub sends it).
     */
    public Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        if (retryAfterSeconds > 0) {
            h.put("Retry-After", Long.toString(retryAfterSeconds));
        }
        if (limit != LimitKind.BUDGET) {
            h.put("x-ratelimit-limit", Long.toString(limitValue));
            h.put("x-ratelimit-remaining", Long.toString(remaining));
            if (resetEpochSeconds > 0) {
                h.put("x-ratelimit-reset", Long.toString(resetEpochSeconds));
            }
        }
        return h;
    }
}
