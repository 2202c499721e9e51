package dev.switchboard.tenancy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link LimitCounters} for a single instance. One lock makes "check every counter of key and project,
 * then count" atomic; it is held for a few map lookups, far below a request's own cost. Counters live as
 * long as the process: a restart starts the windows afresh, while request caps and budgets start again
 * from the store's figures ({@link Consumption}).
 */
public final class InMemoryLimitCounters implements LimitCounters {
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Counters> byScope = new HashMap<>(); // guarded by lock

    public InMemoryLimitCounters(Clock clock) {
        this.clock = clock;
    }

    @Override
    public CompletionStage<TenantAdmission> admit(Tenant tenant, long estimatedTokens) {
        AdmissionPlan plan = AdmissionPlan.of(tenant, estimatedTokens, clock.instant());
        if (plan.checks().isEmpty()) {
            return CompletableFuture.completedFuture(new TenantAdmission.Admitted(Permit.NONE));
        }
        lock.lock();
        try {
            for (AdmissionPlan.Check c : plan.checks()) {
                Rejection r = evaluate(c, plan.now());
                if (r != null) {
                    return CompletableFuture.completedFuture(new TenantAdmission.Rejected(r));
                }
            }
            plan.checks().forEach(this::apply);
        } finally {
            lock.unlock();
        }
        return CompletableFuture.completedFuture(new TenantAdmission.Admitted(new MemoryPermit(plan)));
    }

    private Rejection evaluate(AdmissionPlan.Check check, Instant now) {
        Counters c = counters(check.scope());
        return switch (check) {
            case AdmissionPlan.Window w -> {
                WindowCount wc = c.window(w.kind());
                wc.roll(w.at().index());
                yield SlidingWindow.allows(wc.previous, wc.current, w.at().elapsedMillis(), w.limit(), w.amount())
                        ? null : w.reject(now, wc.current, wc.previous);
            }
            case AdmissionPlan.Concurrency k -> c.inFlight < k.limit() ? null : k.reject(now);
            case AdmissionPlan.Total t -> {
                long count = Math.max(c.requests, t.persisted());
                yield count + 1 <= t.limit() ? null : t.reject(count);
            }
            case AdmissionPlan.Spend s -> {
                long spent = Math.max(c.spend(s.budget().period(), s.periodStart()).nanos, s.persistedNanos());
                yield AdmissionPlan.spent(spent, s.limitNanos()) ? s.reject(now, spent) : null;
            }
        };
    }

    private void apply(AdmissionPlan.Check check) {
        Counters c = counters(check.scope());
        switch (check) {
            case AdmissionPlan.Window w -> c.window(w.kind()).current += w.amount();
            case AdmissionPlan.Concurrency k -> c.inFlight++;
            case AdmissionPlan.Total t -> c.requests = Math.max(c.requests, t.persisted()) + 1;
            case AdmissionPlan.Spend s -> {
                PeriodCount p = c.spend(s.budget().period(), s.periodStart());
                p.nanos = Math.max(p.nanos, s.persistedNanos());
            }
        }
    }

    private void settle(AdmissionPlan plan, long actualTokens, BigDecimal costUsd) {
        long costNanos = Money.toNanos(costUsd.max(BigDecimal.ZERO));
        Instant now = clock.instant();
        lock.lock();
        try {
            for (AdmissionPlan.Check check : plan.checks()) {
                Counters c = counters(check.scope());
                switch (check) {
                    case AdmissionPlan.Window w when w.kind() == LimitKind.TPM ->
                            c.tpm.correct(w.at().index(), Math.max(0, actualTokens) - w.amount());
                    case AdmissionPlan.Concurrency k -> c.inFlight = Math.max(0, c.inFlight - 1);
                    // Charged to the period the money was spent in, which may have begun since admission.
                    case AdmissionPlan.Spend s -> {
                        BudgetPeriod period = s.budget().period();
                        c.spend(period, period.start(now)).nanos += costNanos;
                    }
                    default -> { }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Counters counters(Scope scope) {
        return byScope.computeIfAbsent(scope.counterId(), id -> new Counters());
    }

    private final class MemoryPermit implements Permit {
        private final AdmissionPlan plan;
        private final AtomicBoolean settled = new AtomicBoolean();

        MemoryPermit(AdmissionPlan plan) {
            this.plan = plan;
        }

        @Override
        public CompletionStage<Void> settle(long actualTokens, BigDecimal costUsd) {
            if (settled.compareAndSet(false, true)) {
                InMemoryLimitCounters.this.settle(plan, actualTokens, costUsd);
            }
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Everything counted for one key or project. */
    private static final class Counters {
        final WindowCount rpm = new WindowCount();
        final WindowCount tpm = new WindowCount();
        final Map<BudgetPeriod, PeriodCount> spend = new EnumMap<>(BudgetPeriod.class);
        long inFlight;
        long requests;

        WindowCount window(LimitKind kind) {
            return kind == LimitKind.RPM ? rpm : tpm;
        }

        /** The counter of the given period, restarted at zero when the stored one is of an earlier period. */
        PeriodCount spend(BudgetPeriod period, Instant start) {
            PeriodCount p = spend.get(period);
            if (p == null || p.start.isBefore(start)) {
                p = new PeriodCount(start);
                spend.put(period, p);
            }
            return p;
        }
    }

    /** The current and the previous minute of one sliding window. */
    private static final class WindowCount {
        long index;
        long current;
        long previous;

        void roll(long to) {
            if (to == index) {
                return;
            }
            previous = to == index + 1 ? current : 0;
            current = 0;
            index = to;
        }

        /** Adds to the minute {@code at} if it is still one of the two counted; older minutes no longer matter. */
        void correct(long at, long delta) {
            if (at == index) {
                current = Math.max(0, current + delta);
            } else if (at == index - 1) {
                previous = Math.max(0, previous + delta);
            }
        }
    }

    private static final class PeriodCount {
        final Instant start;
        long nanos;

        PeriodCount(Instant start) {
            this.start = start;
        }
    }
}
