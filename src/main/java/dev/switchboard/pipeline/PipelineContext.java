package dev.switchboard.pipeline;

import dev.switchboard.config.LimitsConfig;
import dev.switchboard.resilience.CircuitBreakerRegistry;
import java.time.Clock;
import java.util.function.LongSupplier;

/** What every call of one config snapshot shares: upstreams, limits, time, and where records go. */
final class PipelineContext {
    private final Upstreams upstreams;
    private final LimitsConfig limits;
    private final LongSupplier nanoTime;
    private final GatewayMetrics metrics;
    private final AccessLog accessLog;
    private final CircuitBreakerRegistry breakers;
    private final Clock clock;

    PipelineContext(Upstreams upstreams, LimitsConfig limits, LongSupplier nanoTime, GatewayMetrics metrics,
            AccessLog accessLog, CircuitBreakerRegistry breakers, Clock clock) {
        this.upstreams = upstreams;
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

    CircuitBreakerRegistry breakers() {
        return breakers;
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

    void record(RequestRecord record) {
        metrics.record(record);
        accessLog.write(record);
    }
}
