package dev.switchboard.pipeline;

import dev.switchboard.config.GatewayConfig;
import dev.switchboard.config.ProjectConfig;
import dev.switchboard.config.TenantLimits;
import dev.switchboard.config.VirtualKeyConfig;
import dev.switchboard.tenancy.BudgetPeriod;
import dev.switchboard.tenancy.ConfigTenantSource;
import dev.switchboard.tenancy.Consumption;
import dev.switchboard.tenancy.Limits;
import dev.switchboard.tenancy.Project;
import dev.switchboard.tenancy.TenantSource;
import dev.switchboard.tenancy.VirtualKey;
import dev.switchboard.tenancy.VirtualKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The config file's keys and projects as tenants (tenancy may not read config records itself). */
public final class TenantsFromConfig {
    private TenantsFromConfig() {}

    /** A source that always lists the current snapshot's keys, so a reload takes effect on refresh. */
    public static TenantSource source(Supplier<GatewayConfig> config, VirtualKeys keys) {
        return new ConfigTenantSource(() -> listing(config.get(), keys));
    }

    static TenantSource.Listing listing(GatewayConfig c, VirtualKeys keys) {
        List<Project> projects = c.projects().values().stream()
                .map(p -> new Project(ConfigTenantSource.projectId(p.name()), p.name(), true, p.models(),
                        limits(p.limits()), p.logBodies(), Consumption.NONE))
                .toList();
        List<VirtualKey> vks = c.keys().stream()
                .map(k -> new VirtualKey(keys.hash(k.key()), ConfigTenantSource.keyId(k.name()), k.name(),
                        VirtualKeys.displayPrefix(k.key()),
                        k.project() == null ? null : ConfigTenantSource.projectId(k.project()), k.models(), k.endpoints(),
                        limits(k.limits()), k.expires(), false, k.logBodies(), Consumption.NONE))
                .toList();
        return new TenantSource.Listing(projects, vks);
    }

    /** Counter id → limits of every config key and project, whose consumption the store reports. */
    public static Map<String, Limits> scopes(GatewayConfig c) {
        Map<String, Limits> out = new HashMap<>();
        for (ProjectConfig p : c.projects().values()) {
            out.put(ConfigTenantSource.projectId(p.name()), limits(p.limits()));
        }
        for (VirtualKeyConfig k : c.keys()) {
            out.put(ConfigTenantSource.keyId(k.name()), limits(k.limits()));
        }
        return out;
    }

    static Limits limits(TenantLimits l) {
        if (l == null) {
            return Limits.NONE;
        }
        List<Limits.Budget> budgets = l.budget() == null ? List.of()
                : List.of(new Limits.Budget(l.budget().usd(), BudgetPeriod.valueOf(l.budget().period().name())));
        return new Limits(l.rpm(), l.tpm(), l.concurrency(), l.maxRequests(), budgets);
    }
}
