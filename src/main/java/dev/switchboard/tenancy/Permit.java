package dev.switchboard.tenancy;

import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What an admitted request holds until it ends. Settle it exactly once on every path (success, error,
 * client abort): that frees its concurrency slots, replaces the token estimate with the real count in
 * the tokens-per-minute window, and charges its cost to the budgets. Calls after the first are ignored.
 */
@FunctionalInterface
public interface Permit {
    /** For tenants without limits: nothing to free or charge. */
    Permit NONE = (tokens, cost) -> CompletableFuture.completedFuture(null);

    /**
     * @param actualTokens input + output tokens the provider reported (the estimate when it gave none;
     *                     0 when no upstream answered)
     * @param costUsd      what the request cost; zero when nothing was billed
     */
    CompletionStage<Void> settle(long actualTokens, BigDecimal costUsd);
}
