package dev.switchboard.tenancy;

import dev.switchboard.store.Budget;
import dev.switchboard.store.KeyRow;
import dev.switchboard.store.ProjectRow;
import dev.switchboard.store.Store;
import dev.switchboard.store.UsageFilter;
import dev.switchboard.store.UsdNanos;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys and projects created through the admin API, with what each has already consumed (for
 * request caps and budgets), and the consumption of the config file's keys and projects too, so that
 * a restart never hands out a fresh cap or budget.
 */
public final class StoreTenantSource implements TenantSource {
    private final Store store;
    private final Clock clock;
    /** counter id ("config:<name>") → the config's limits, whose consumption the store also knows */
    private final Map<String, Limits> configScopes;
    private final RecordedTotals recorded;

    public StoreTenantSource(Store store, Clock clock, Map<String, Limits> configScopes) {
        this.store = store;
        this.clock = clock;
        this.configScopes = Map.copyOf(configScopes);
        this.recorded = new RecordedTotals(store.usage());
    }

    /** Synchronized for {@link RecordedTotals}, whose rounds are one listing each. */
    @Override
    public synchronized Listing list() {
        Instant now = clock.instant();
        List<Project> projects = new ArrayList<>();
        Map<String, Consumption> consumption = new HashMap<>();
        for (ProjectRow p : store.projects().listAll()) {
            Limits limits = limits(p.limits(), p.budget());
            projects.add(new Project(p.id(), p.name(), p.active(), orEmpty(p.allowedModels()), limits, p.logBodies(),
                    consumption(UsageFilter.ALL.project(p.id()), limits, now)));
        }
        List<VirtualKey> keys = new ArrayList<>();
        for (KeyRow k : store.keys().changedSince(Instant.EPOCH)) {
            Limits limits = limits(k.limits(), k.budget());
            keys.add(new VirtualKey(k.keyHash(), k.id(), k.name(), k.prefix(), k.projectId(), orEmpty(k.allowedModels()),
                    orEmpty(k.allowedEndpoints()), limits, k.expiresAt(), k.revokedAt() != null, k.logBodies(),
                    consumption(UsageFilter.ALL.key(k.id()), limits, now)));
        }
        configScopes.forEach((id, limits) -> {
            UsageFilter f = id.startsWith("config:project:") ? UsageFilter.ALL.project(id) : UsageFilter.ALL.key(id);
            consumption.put(id, consumption(f, limits, now));
        });
        recorded.endRound();
        return new Listing(projects, keys, consumption);
    }

    /** Only scopes with a cap or a budget need the store's figures; the rest cost no query. */
    private Consumption consumption(UsageFilter filter, Limits limits, Instant now) {
        if (limits.maxRequests() <= 0 && limits.budgets().isEmpty()) {
            return Consumption.NONE;
        }
        long requests = limits.maxRequests() > 0 ? recorded.between(filter, Instant.EPOCH, null, now).requests() : 0;
        List<Consumption.PeriodSpend> spend = new ArrayList<>();
        for (Limits.Budget b : limits.budgets()) {
            Instant start = b.period().start(now);
            long costNanos = recorded.between(filter, start, b.period().end(now), now).costNanos();
            spend.add(new Consumption.PeriodSpend(b.period(), start, UsdNanos.toUsd(costNanos)));
        }
        return new Consumption(requests, spend);
    }

    static Limits limits(dev.switchboard.store.Limits l, Budget budget) {
        List<Limits.Budget> budgets = budget == null || budget.usd() == null ? List.of()
                : List.of(new Limits.Budget(budget.usd(), BudgetPeriod.valueOf(budget.period().name())));
        return new Limits(orZero(l.rpm()), orZero(l.tpm()), l.concurrency() == null ? 0 : l.concurrency(),
                orZero(l.maxRequests()), budgets);
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private static List<String> orEmpty(List<String> l) {
        return l == null ? List.of() : l;
    }

    @Override
    public String describe() {
        return "store " + store;
    }
}
