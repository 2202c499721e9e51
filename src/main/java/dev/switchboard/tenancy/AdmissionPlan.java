package dev.switchboard.tenancy;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything one admission must check, in order, for one tenant at one instant: for the key and then
 * its project, the request cap, the budgets, the two per-minute windows and concurrency. Both {@link
 * LimitCounters} backends run the same plan, so they check the same things in the same order and turn
 * what they observed into the same {@link Rejection}.
 */
public record AdmissionPlan(Tenant tenant, Instant now, long estimatedTokens, List<Check> checks) {
    public AdmissionPlan {
        checks = List.copyOf(checks);
    }

    public static AdmissionPlan of(Tenant tenant, long estimatedTokens, Instant now) {
        long tokens = Math.max(0, estimatedTokens);
        SlidingWindow.Position at = SlidingWindow.Position.at(now);
        List<Check> checks = new ArrayList<>();
        for (Scope s : tenant.scopes()) {
            Limits l = s.limits();
            if (l.maxRequests() > 0) {
                checks.add(new Total(s, l.maxRequests(), s.consumption().requests()));
            }
            for (Limits.Budget b : l.budgets()) {
                Instant start = b.period().start(now);
                checks.add(new Spend(s, b, start, b.period().end(now), Money.toNanos(b.usd()),
                        Money.toNanos(s.consumption().spent(b.period(), start))));
            }
            if (l.rpm() > 0) {
                checks.add(new Window(s, LimitKind.RPM, l.rpm(), 1, at));
            }
            if (l.tpm() > 0) {
                checks.add(new Window(s, LimitKind.TPM, l.tpm(), tokens, at));
            }
            if (l.concurrency() > 0) {
                checks.add(new Concurrency(s, l.concurrency()));
            }
        }
        return new AdmissionPlan(tenant, now, tokens, checks);
    }

    /** One counter to check and, if every check passes, to update. */
    public sealed interface Check {
        Scope scope();

        LimitKind kind();
    }

    /** RPM or TPM: {@code amount} more in the minute {@code at} falls in. */
    public record Window(Scope scope, LimitKind kind, long limit, long amount, SlidingWindow.Position at)
            implements Check {
        /** @param current the current minute's count; @param previous the previous minute's */
        public Rejection reject(Instant now, long current, long previous) {
            long wait = SlidingWindow.retryAfterMillis(previous, current, at.elapsedMillis(), limit, amount);
            long remaining = SlidingWindow.remaining(previous, current, at.elapsedMillis(), limit);
            if (wait < 0) { // larger than the whole limit: no retry will pass
                return new Rejection(scope.kind(), scope.name(), kind, limit, remaining, 0, 0, null, null);
            }
            long resetMillis = now.toEpochMilli() + wait;
            return new Rejection(scope.kind(), scope.name(), kind, limit, remaining, ceilSeconds(resetMillis),
                    Math.max(1, ceilSeconds(wait)), null, null);
        }
    }

    /** Requests in flight, freed when permits settle. */
    public record Concurrency(Scope scope, long limit) implements Check {
        @Override
        public LimitKind kind() {
            return LimitKind.CONCURRENCY;
        }

        /** A slot frees when some request ends, which cannot be foreseen: clients are told to wait a second. */
        public Rejection reject(Instant now) {
            return new Rejection(scope.kind(), scope.name(), LimitKind.CONCURRENCY, limit, 0,
                    now.getEpochSecond() + 1, 1, null, null);
        }
    }

    /** The lifetime request cap; {@code persisted} is the store's count, a floor for the counter. */
    public record Total(Scope scope, long limit, long persisted) implements Check {
        @Override
        public LimitKind kind() {
            return LimitKind.MAX_REQUESTS;
        }

        public Rejection reject(long count) {
            return new Rejection(scope.kind(), scope.name(), LimitKind.MAX_REQUESTS, limit, Math.max(0, limit - count),
                    0, 0, null, null);
        }
    }

    /** A budget in the period starting at {@code periodStart}; {@code persistedNanos} is a floor for the counter. */
    public record Spend(Scope scope, Limits.Budget budget, Instant periodStart, Instant periodEnd, long limitNanos,
            long persistedNanos) implements Check {
        @Override
        public LimitKind kind() {
            return LimitKind.BUDGET;
        }

        public Rejection reject(Instant now, long spentNanos) {
            long dollars = budget.usd().setScale(0, RoundingMode.CEILING).longValue();
            long wait = Math.max(1, periodEnd.getEpochSecond() - now.getEpochSecond());
            return new Rejection(scope.kind(), scope.name(), LimitKind.BUDGET, dollars, 0, periodEnd.getEpochSecond(),
                    wait, budget, Money.toUsd(spentNanos));
        }
    }

    private static long ceilSeconds(long millis) {
        return Math.floorDiv(millis + 999, 1000);
    }

    /** Whether a budget's spend is at or over it (a request may start only while something is left). */
    static boolean spent(long spentNanos, long limitNanos) {
        return spentNanos >= limitNanos;
    }
}
