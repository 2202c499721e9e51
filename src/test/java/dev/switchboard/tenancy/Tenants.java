package dev.switchboard.tenancy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Builds tenants for tests: keys with or without a project, limits in one call. */
public final class Tenants {
    private Tenants() {}

    public static Limits rpm(long rpm) {
        return new Limits(rpm, 0, 0, 0, List.of());
    }

    public static Limits tpm(long tpm) {
        return new Limits(0, tpm, 0, 0, List.of());
    }

    public static Limits concurrency(long n) {
        return new Limits(0, 0, n, 0, List.of());
    }

    public static Limits maxRequests(long n) {
        return new Limits(0, 0, 0, n, List.of());
    }

    public static Limits budget(String usd, BudgetPeriod period) {
        return new Limits(0, 0, 0, 0, List.of(new Limits.Budget(new BigDecimal(usd), period)));
    }

    public static VirtualKey key(String id, Limits limits) {
        return key(id, null, limits, Consumption.NONE);
    }

    public static VirtualKey key(String id, String projectId, Limits limits, Consumption consumption) {
        return new VirtualKey("hash-" + id, id, "key-" + id, "sk-sb-" + id + "…", projectId, List.of(), List.of(),
                limits, null, false, null, consumption);
    }

    public static Project project(String id, Limits limits) {
        return project(id, limits, Consumption.NONE);
    }

    public static Project project(String id, Limits limits, Consumption consumption) {
        return new Project(id, "project-" + id, true, List.of(), limits, false, consumption);
    }

    public static Tenant alone(String keyId, Limits limits) {
        return new Tenant(key(keyId, limits), null);
    }

    public static Tenant inProject(String keyId, Limits keyLimits, Project project) {
        return new Tenant(key(keyId, project.id(), keyLimits, Consumption.NONE), project);
    }

    public static Consumption spent(BudgetPeriod period, Instant periodStart, String usd) {
        return new Consumption(0, List.of(new Consumption.PeriodSpend(period, periodStart, new BigDecimal(usd))));
    }
}
