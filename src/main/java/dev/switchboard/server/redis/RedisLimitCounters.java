package dev.switchboard.server.redis;

import dev.switchboard.tenancy.AdmissionPlan;
import dev.switchboard.tenancy.LimitCounters;
import dev.switchboard.tenancy.LimitKind;
import dev.switchboard.tenancy.Money;
import dev.switchboard.tenancy.Permit;
import dev.switchboard.tenancy.Rejection;
import dev.switchboard.tenancy.SlidingWindow;
import dev.switchboard.tenancy.Tenant;
import dev.switchboard.tenancy.TenantAdmission;
import io.vertx.redis.client.Response;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link LimitCounters} shared by every instance through Redis: one EVALSHA per admission checks and
 * counts all counters of the key and its project atomically ({@code admit.lua}); one more per settlement,
 * sent without waiting when the request is recorded ({@code settle.lua}). Tenants without limits cost no round trip.
 * Both go through the {@link RedisPipeline}: the admissions of one event-loop turn share one write and one
 * read, a settlement rides along with the next of those writes (or leaves within 5 ms), and nobody waits
 * for a pooled connection. A settlement that charges a budget is written at once instead, before the
 * client's answer ends: a client's next request, on any instance, is then admitted against a budget that
 * already holds the previous one's cost, which keeps the overshoot to the requests in flight.
 *
 * <p>Every key has a TTL: minutes live two windows, budget periods their length plus a day, request caps
 * 30 days from their last use (then they start again from the store's count). Concurrency slots are
 * leases: a slot of an instance that died is freed when its lease ends, so {@code concurrencyLease} must
 * be longer than the longest request (the total timeout).
 *
 * <p>An admission that failed (Redis down or too slow) may still have run there; its concurrency slots
 * are released once Redis answers again, rather than held until their lease ends.
 *
 * <p>Times come from the injected clock of each instance, not from Redis: instances must keep their clocks
 * in sync (NTP), as they must for logs anyway; a skew of s seconds shifts window edges by s.
 */
public final class RedisLimitCounters implements LimitCounters {
    private static final RedisScript ADMIT = RedisScript.load("admit.lua");
    private static final RedisScript SETTLE = RedisScript.load("settle.lua");
    private static final long WINDOW_TTL_MILLIS = 2 * SlidingWindow.WINDOW_MILLIS + 5_000;
    private static final long TOTAL_TTL_MILLIS = Duration.ofDays(30).toMillis();
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    /** Slots of failed admissions waiting to be released; past this many, their leases free them. */
    private static final int MAX_UNRELEASED = 10_000;

    private final RedisPipeline redis;
    private final Clock clock;
    private final String prefix;
    private final long leaseMillis;
    private final Queue<Unreleased> unreleased = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unreleasedCount = new AtomicInteger();

    /** The concurrency slots an admission whose outcome is unknown may hold. */
    private record Unreleased(List<String> keys, String permitId) {}

    /**
     * @param keyPrefix        e.g. {@code sb:limits:}; lets several gateways (or tests) share one Redis
     * @param concurrencyLease how long a concurrency slot is held at most
     */
    public RedisLimitCounters(RedisPipeline redis, Clock clock, String keyPrefix, Duration concurrencyLease) {
        this.redis = redis;
        redis.preload(ADMIT);
        redis.preload(SETTLE);
        this.clock = clock;
        this.prefix = keyPrefix;
        this.leaseMillis = concurrencyLease.toMillis();
    }

    @Override
    public CompletionStage<TenantAdmission> admit(Tenant tenant, long estimatedTokens) {
        AdmissionPlan plan = AdmissionPlan.of(tenant, estimatedTokens, clock.instant());
        if (plan.checks().isEmpty()) {
            return CompletableFuture.completedFuture(new TenantAdmission.Admitted(Permit.NONE));
        }
        CounterKeys names = new CounterKeys(prefix, tenant);
        String permitId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        long now = plan.now().toEpochMilli();
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>(List.of(Long.toString(now), Integer.toString(plan.checks().size()),
                Long.toString(SlidingWindow.WINDOW_MILLIS)));
        for (AdmissionPlan.Check check : plan.checks()) {
            switch (check) {
                case AdmissionPlan.Window w -> {
                    keys.add(names.window(w.scope(), w.kind(), w.at().index()));
                    keys.add(names.window(w.scope(), w.kind(), w.at().index() - 1));
                    add(args, "w", w.limit(), Long.toString(w.amount()), w.at().elapsedMillis(), WINDOW_TTL_MILLIS);
                }
                case AdmissionPlan.Concurrency c -> {
                    keys.add(names.concurrency(c.scope()));
                    keys.add(names.concurrency(c.scope()));
                    add(args, "c", c.limit(), permitId, now + leaseMillis, leaseMillis);
                }
                case AdmissionPlan.Total t -> {
                    keys.add(names.total(t.scope()));
                    keys.add(names.total(t.scope()));
                    add(args, "t", t.limit(), Long.toString(t.persisted()), 0, TOTAL_TTL_MILLIS);
                }
                case AdmissionPlan.Spend s -> {
                    keys.add(names.spend(s.scope(), s.budget().period(), s.periodStart()));
                    keys.add(names.spend(s.scope(), s.budget().period(), s.periodStart()));
                    add(args, "b", s.limitNanos(), Long.toString(s.persistedNanos()), 0, spendTtl(s.periodStart(), s.periodEnd()));
                }
            }
        }
        return ADMIT.run(redis, keys, args)
                .onFailure(e -> unknownOutcome(plan, names, permitId))
                .map(r -> {
                    releaseUnreleased();
                    return decide(plan, r, names, permitId);
                })
                .toCompletionStage();
    }

    private void unknownOutcome(AdmissionPlan plan, CounterKeys names, String permitId) {
        List<String> keys = new ArrayList<>();
        for (AdmissionPlan.Check check : plan.checks()) {
            if (check instanceof AdmissionPlan.Concurrency c) {
                keys.add(names.concurrency(c.scope()));
            }
        }
        if (!keys.isEmpty()) {
            keepForRelease(new Unreleased(keys, permitId));
        }
    }

    private void keepForRelease(Unreleased u) {
        if (unreleasedCount.incrementAndGet() <= MAX_UNRELEASED) {
            unreleased.add(u);
        } else {
            unreleasedCount.decrementAndGet();
        }
    }

    /** Redis answers again: frees the slots of admissions that failed meanwhile (a no-op where they never ran). */
    private void releaseUnreleased() {
        if (unreleasedCount.get() == 0) {
            return;
        }
        Unreleased u;
        // as many as are kept now: one that fails again is kept for the next time, not retried in this loop
        for (int n = unreleasedCount.get(); n > 0 && (u = unreleased.poll()) != null; n--) {
            unreleasedCount.decrementAndGet();
            List<String> args = new ArrayList<>(List.of(u.permitId(), Integer.toString(u.keys().size())));
            u.keys().forEach(k -> args.addAll(List.of("z", "0", "0")));
            Unreleased retry = u;
            SETTLE.run(redis, u.keys(), args, Dispatch.LATER).onFailure(e -> keepForRelease(retry));
        }
    }

    private static void add(List<String> args, String type, long limit, String a, long b, long ttlMillis) {
        args.addAll(List.of(type, Long.toString(limit), a, Long.toString(b), Long.toString(ttlMillis)));
    }

    private TenantAdmission decide(AdmissionPlan plan, Response r, CounterKeys names, String permitId) {
        int failed = r.get(0).toInteger();
        if (failed == 0) {
            return new TenantAdmission.Admitted(new RedisPermit(plan, names, permitId));
        }
        long observed = r.get(1).toLong();
        long observed2 = r.get(2).toLong();
        Rejection rejection = switch (plan.checks().get(failed - 1)) {
            case AdmissionPlan.Window w -> w.reject(plan.now(), observed, observed2);
            case AdmissionPlan.Concurrency c -> c.reject(plan.now());
            case AdmissionPlan.Total t -> t.reject(observed);
            case AdmissionPlan.Spend s -> s.reject(plan.now(), observed);
        };
        return new TenantAdmission.Rejected(rejection);
    }

    private static long spendTtl(Instant start, Instant end) {
        return Duration.between(start, end).toMillis() + DAY_MILLIS;
    }

    /** Settles with one script call; nothing is sent when there is nothing to free or charge. */
    private final class RedisPermit implements Permit {
        private final AdmissionPlan plan;
        private final CounterKeys names;
        private final String id;
        private final AtomicBoolean settled = new AtomicBoolean();

        RedisPermit(AdmissionPlan plan, CounterKeys names, String id) {
            this.plan = plan;
            this.names = names;
            this.id = id;
        }

        @Override
        public CompletionStage<Void> settle(long actualTokens, BigDecimal costUsd) {
            if (!settled.compareAndSet(false, true)) {
                return CompletableFuture.completedFuture(null);
            }
            long costNanos = Money.toNanos(costUsd.max(BigDecimal.ZERO));
            Instant now = clock.instant();
            List<String> keys = new ArrayList<>();
            List<String> args = new ArrayList<>(List.of(id, ""));
            boolean charged = false;
            for (AdmissionPlan.Check check : plan.checks()) {
                switch (check) {
                    case AdmissionPlan.Concurrency c -> op(keys, args, names.concurrency(c.scope()), "z", 0, 0);
                    case AdmissionPlan.Window w when w.kind() == LimitKind.TPM && Math.max(0, actualTokens) != w.amount() ->
                            op(keys, args, names.window(w.scope(), w.kind(), w.at().index()), "w",
                                    Math.max(0, actualTokens) - w.amount(), 0);
                    // Charged to the period the money was spent in, which may have begun since admission.
                    case AdmissionPlan.Spend s when costNanos > 0 -> {
                        Instant start = s.budget().period().start(now);
                        op(keys, args, names.spend(s.scope(), s.budget().period(), start), "b", costNanos,
                                spendTtl(start, s.budget().period().end(now)));
                        charged = true;
                    }
                    default -> { }
                }
            }
            if (keys.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            args.set(1, Integer.toString(keys.size()));
            return SETTLE.run(redis, keys, args, charged ? Dispatch.NOW : Dispatch.LATER).<Void>mapEmpty().toCompletionStage();
        }

        private static void op(List<String> keys, List<String> args, String key, String type, long amount, long ttl) {
            keys.add(key);
            args.addAll(List.of(type, Long.toString(amount), Long.toString(ttl)));
        }
    }
}
