package dev.switchboard.tenancy;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key hash → tenant, in memory. Lookups read one immutable map through a volatile field, so the hot path
 * never waits on a database or a lock; {@link #refresh()} builds a new map from every source and swaps it in.
 *
 * <p>Each source's last good answer is kept: when the store is down the keys it held keep working (and
 * revocations made during the outage take effect once it is back). A failure is logged once, masked, and
 * its recovery once more.
 *
 * <p>Sources are given in order of precedence: when two hold the same key or project id, the first wins
 * (the config file is passed first, so a stored key cannot shadow a key declared in the file).
 */
public final class TenantDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(TenantDirectory.class);

    private final List<TenantSource> sources;
    private final VirtualKeys keys;
    private final Clock clock;
    private final TenantSource.Listing[] lastGood; // guarded by this
    private final boolean[] failing; // guarded by this
    private volatile Map<String, Tenant> byHash = Map.of();

    /** Call {@link #refresh()} once before serving; until then every key is unknown. */
    public TenantDirectory(List<TenantSource> sources, VirtualKeys keys, Clock clock) {
        this.sources = List.copyOf(sources);
        this.keys = keys;
        this.clock = clock;
        this.lastGood = new TenantSource.Listing[this.sources.size()];
        this.failing = new boolean[this.sources.size()];
    }

    /** The hot path: hashes the presented secret and looks it up. */
    public Lookup authenticate(String presentedSecret) {
        return lookupHash(keys.hash(presentedSecret));
    }

    public Lookup lookupHash(String hash) {
        Tenant t = byHash.get(hash);
        if (t == null) {
            return new Lookup.Refused(Lookup.Reason.UNKNOWN, null);
        }
        // Expiry is judged at lookup time: a key must stop working at its instant, not at the next refresh.
        Instant expires = t.key().expires();
        Lookup.Reason refusal = t.key().revoked() ? Lookup.Reason.REVOKED
                : expires != null && !clock.instant().isBefore(expires) ? Lookup.Reason.EXPIRED
                : t.project() != null && !t.project().active() ? Lookup.Reason.PROJECT_INACTIVE
                : null;
        return refusal == null ? new Lookup.Found(t) : new Lookup.Refused(refusal, t);
    }

    /** Keys known right now, revoked and expired ones included. */
    public int size() {
        return byHash.size();
    }

    /**
     * Reads every source and swaps in the new map. Blocking; never call it on an event loop.
     *
     * @return true when every source answered
     */
    public synchronized boolean refresh() {
        boolean allAnswered = true;
        for (int i = 0; i < sources.size(); i++) {
            TenantSource source = sources.get(i);
            try {
                lastGood[i] = source.list();
                if (failing[i]) {
                    LOG.info("{} answers again; keys are up to date", source.describe());
                    failing[i] = false;
                }
            } catch (Exception e) {
                allAnswered = false;
                if (!failing[i]) {
                    LOG.warn("{} failed; serving the {} keys it last listed until it answers: {}", source.describe(),
                            lastGood[i] == null ? 0 : lastGood[i].keys().size(), LogSafe.describe(e));
                    failing[i] = true;
                }
            }
        }
        byHash = merge();
        return allAnswered;
    }

    private Map<String, Tenant> merge() {
        Map<String, Consumption> consumption = new HashMap<>();
        Map<String, Project> projects = new HashMap<>();
        for (TenantSource.Listing l : lastGood) {
            if (l != null) {
                l.consumption().forEach(consumption::putIfAbsent);
                l.projects().forEach(p -> projects.putIfAbsent(p.id(), p));
            }
        }
        projects.replaceAll((id, p) -> {
            Consumption c = consumption.get(Scope.projectCounterId(id));
            return c == null ? p : p.withConsumption(c);
        });
        Map<String, Tenant> tenants = new HashMap<>();
        for (TenantSource.Listing l : lastGood) {
            if (l == null) {
                continue;
            }
            for (VirtualKey k : l.keys()) {
                Consumption c = consumption.get(Scope.keyCounterId(k.id()));
                Project p = k.projectId() == null ? null
                        : projects.computeIfAbsent(k.projectId(), Project::missing);
                tenants.putIfAbsent(k.hash(), new Tenant(c == null ? k : k.withConsumption(c), p));
            }
        }
        return Map.copyOf(tenants);
    }
}
