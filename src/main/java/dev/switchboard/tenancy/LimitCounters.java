package dev.switchboard.tenancy;

import java.util.concurrent.CompletionStage;

/**
 * Counts what tenants use and decides admissions: RPM and TPM ({@link SlidingWindow}), concurrency,
 * lifetime request caps and budgets, for the key and for its project, all checked and counted together
 * (atomically: either every counter takes the request or none does).
 *
 * <p>Two backends: {@link InMemoryLimitCounters} for one instance, and Redis (server package) when several
 * instances must enforce one limit. The API is asynchronous so that a Redis round trip never blocks an
 * event loop; the in-memory backend answers with completed stages.
 *
 * <p>Overshoot is bounded by requests in flight, and nothing else. RPM, concurrency and request caps are
 * exact: the check and the count are one atomic step. TPM is charged the estimated input tokens at
 * admission and corrected to the real count at settlement, so it can overshoot by the output tokens of
 * requests in flight. A budget admits while anything is left and is charged at settlement, so it can
 * overshoot by the cost of the requests in flight when it ran out.
 */
public interface LimitCounters {
    /**
     * @param estimatedTokens input tokens counted locally before the call (0 when unknown): charged to
     *                        TPM now, corrected when the permit settles
     */
    CompletionStage<TenantAdmission> admit(Tenant tenant, long estimatedTokens);
}
