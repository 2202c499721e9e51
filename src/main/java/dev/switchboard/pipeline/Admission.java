package dev.switchboard.pipeline;

import dev.switchboard.model.ErrorKind;
import dev.switchboard.model.GatewayError;
import dev.switchboard.resilience.CircuitBreaker;
import dev.switchboard.resilience.ConcurrencyLimiter;
import dev.switchboard.resilience.KeyPool;
import dev.switchboard.routing.Candidate;
import dev.switchboard.routing.Route;
import java.util.Optional;

/**
 * Whether a candidate may take an attempt now: a usable key, room under its provider's concurrency
 * limit, and a circuit breaker that lets the call through. Whatever was taken is handed back when a
 * later check refuses, so a refusal leaves nothing held.
 */
sealed interface Admission {
    /** @param key null when the provider needs none; @param providerSlot null when it has no limit */
    record Admitted(KeyPool pool, String key, ConcurrencyLimiter.Permit providerSlot, CircuitBreaker.Permit breaker)
            implements Admission {}

    record Refused(GatewayError reason) implements Admission {}

    /** @param route decides which breaker judges the call ({@link Route#breakerId}) */
    static Admission check(PipelineContext ctx, Route route, Candidate c) {
        KeyPool pool = ctx.upstreams().keys(c.provider());
        Optional<KeyPool.Lease> lease = pool.lease();
        if (lease.isEmpty() && !pool.isEmpty()) {
            return new Refused(new GatewayError(ErrorKind.RATE_LIMITED,
                    "every key of provider '" + c.provider() + "' is rate limited or disabled", null, "no_usable_key"));
        }
        ConcurrencyLimiter limit = ctx.upstreams().limit(c.provider());
        ConcurrencyLimiter.Permit slot = null;
        if (limit != null) {
            Optional<ConcurrencyLimiter.Permit> p = limit.tryAcquire();
            if (p.isEmpty()) {
                return new Refused(new GatewayError(ErrorKind.OVERLOADED,
                        "provider '" + c.provider() + "' is at its concurrency limit", null, "provider_overloaded"));
            }
            slot = p.get();
        }
        Optional<CircuitBreaker.Permit> breaker = ctx.breakers().breaker(route.breakerId(c)).tryAcquire();
        if (breaker.isEmpty()) {
            if (slot != null) {
                slot.close();
            }
            return new Refused(new GatewayError(ErrorKind.OVERLOADED,
                    "provider '" + c.provider() + "' is failing; its circuit breaker is open", null, "circuit_open"));
        }
        return new Admitted(pool, lease.map(KeyPool.Lease::key).orElse(null), slot, breaker.get());
    }
}
