package dev.switchboard.tenancy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared counters (Redis) with local ones behind them: when the shared backend fails, the request is
 * judged by this instance's own counters instead of being refused or let through unchecked. Limits then
 * hold per instance until the shared backend is back (N instances may admit up to N times a limit
 * meanwhile); the switch is logged once each way.
 *
 * <p>The shared backend must answer or fail in bounded time, and tell a slow server from a busy caller:
 * the Redis one fails an admission when Redis leaves its written command unanswered for 250 ms, timed
 * from the write and on the event loop, not from this call (waiting behind other requests is not Redis
 * being slow), and fails at once while Redis is known to be down.
 *
 * <p>A failed shared admission may still have been counted there; that costs the tenant one request of
 * its limit, never lets one more through.
 */
public final class FallbackLimitCounters implements LimitCounters {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackLimitCounters.class);

    private final LimitCounters shared;
    private final LimitCounters local;
    private final AtomicBoolean degraded = new AtomicBoolean();

    public FallbackLimitCounters(LimitCounters shared, LimitCounters local) {
        this.shared = shared;
        this.local = local;
    }

    @Override
    public CompletionStage<TenantAdmission> admit(Tenant tenant, long estimatedTokens) {
        return shared.admit(tenant, estimatedTokens).toCompletableFuture()
                .handle((admission, failure) -> {
                    if (failure == null) {
                        if (degraded.get() && degraded.compareAndSet(true, false)) {
                            LOG.info("shared limit counters answer again; limits hold across instances");
                        }
                        return CompletableFuture.completedFuture(admission);
                    }
                    if (degraded.compareAndSet(false, true)) {
                        LOG.warn("shared limit counters failed; enforcing limits per instance until they answer: {}",
                                LogSafe.describe(failure));
                    }
                    return local.admit(tenant, estimatedTokens);
                })
                .thenCompose(Function.identity());
    }

    /** Whether admissions are currently judged locally; for readiness and metrics. */
    public boolean degraded() {
        return degraded.get();
    }
}
