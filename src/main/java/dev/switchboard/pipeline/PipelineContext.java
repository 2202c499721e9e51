package dev.switchboard.pipeline;

import dev.switchboard.format.Codecs;
import dev.switchboard.tenancy.Permit;
import dev.switchboard.config.LimitsConfig;
import dev.switchboard.resilience.CircuitBreakerRegistry;
import dev.switchboard.resilience.ConcurrencyLimiter;
import dev.switchboard.resilience.RetryBudget;
import dev.switchboard.resilience.RetryPolicy;
import dev.switchboard.routing.Candidate;
import dev.switchboard.routing.Route;
import java.time.Duration;
import dev.switchboard.resilience.LatencyTracker;
import dev.switchboard.routing.SessionAffinity;
import java.time.Clock;
import java.util.function.LongSupplier;

/** What every call of one config snapshot shares: upstreams, limits, time, and where records go. */
final class PipelineContext {
    private final Upstreams upstreams;
    private final ConcurrencyLimiter instanceLimit;
    private final Scheduler scheduler;
    private final LimitsConfig limits;
    private final LongSupplier nanoTime;
    private final GatewayMetrics metrics;
    private final AccessLog accessLog;
    private final CircuitBreakerRegistry breakers;
    private final Clock clock;
    private final LatencyTracker latency;
    private final SessionAffinity affinity;
    private final Codecs codecs;
    private final Accounting accounting;
    private final UsageEstimates estimates;
    private final ClientErrors errors;

    PipelineContext(Upstreams upstreams, LimitsConfig limits, LongSupplier nanoTime, GatewayMetrics metrics,
            AccessLog accessLog, CircuitBreakerRegistry breakers, Clock clock, LatencyTracker latency,
            SessionAffinity affinity, ConcurrencyLimiter instanceLimit, Scheduler scheduler, Codecs codecs,
            Accounting accounting, UsageEstimates estimates) {
        this.accounting = accounting;
        this.estimates = estimates;
        this.codecs = codecs;
        this.errors = new ClientErrors(codecs);
        this.scheduler = scheduler;
        this.upstreams = upstreams;
        this.instanceLimit = instanceLimit;
        this.latency = latency;
        this.affinity = affinity;
        this.breakers = breakers;
        this.clock = clock;
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.metrics = metrics;
        this.accessLog = accessLog;
    }

    Upstreams upstreams() {
        return upstreams;
    }

    /** A 2xx: feeds least-latency balancing and pins the session to the deployment that answered. */
    void answered(Route route, Candidate answering, Duration timeToHeaders, String session, Candidate affine) {
        if (route.candidates().size() > 1) { // only multi-target routes ever rank by latency
            latency.record(answering.qualifiedName(), timeToHeaders);
        }
        if (session != null && !answering.equals(affine)) {
            affinity.remember(route.requestedModel(), session, answering);
        }
    }

    GatewayMetrics metrics() {
        return metrics;
    }

    Codecs codecs() {
        return codecs;
    }

    /** Local token counts for records whose answer came without (final) usage. */
    UsageEstimates estimates() {
        return estimates;
    }

    ClientErrors errors() {
        return errors;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    /**
     * How failed calls to a provider through {@code route} are retried on the same deployment: the route's
     * retry settings over the provider's, or the provider's, or the defaults.
     */
    RetryPolicy retryPolicy(String provider, Route route) {
        RetryPolicy p = upstreams.retryPolicy(provider, route);
        return p != null ? p : RetryPolicy.defaults();
    }

    /** Retries allowed to a provider as a share of its calls, so a brown-out does not become a storm. */
    RetryBudget retryBudget(String provider) {
        return upstreams.retryBudget(provider);
    }

    /** Calls in flight on this instance: overload is refused fast rather than queued without bound. */
    ConcurrencyLimiter instanceLimit() {
        return instanceLimit;
    }

    CircuitBreakerRegistry breakers() {
        return breakers;
    }

    /** Time to first byte per deployment, fed by every 2xx attempt of a multi-target route. */
    LatencyTracker latency() {
        return latency;
    }

    SessionAffinity affinity() {
        return affinity;
    }

    Clock clock() {
        return clock;
    }

    LimitsConfig limits() {
        return limits;
    }

    long nanoTime() {
        return nanoTime.getAsLong();
    }

    /** The one record of a finished request: metrics, access log, limits settled, usage written. */
    void record(RequestRecord record, Permit permit) {
        metrics.record(record);
        accessLog.write(record);
        accounting.account(record, permit);
    }
}
