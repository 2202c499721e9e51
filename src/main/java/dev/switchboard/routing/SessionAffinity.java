package dev.switchboard.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Which deployment last answered a session, per model name, so that a conversation keeps hitting the same
 * provider while it is healthy and the provider's prompt cache keeps paying off.
 *
 * <p>An entry lives {@code ttl} after its last use (each lookup refreshes it) and the table holds at most
 * {@code maxSessions} entries, least recently used going first. Session ids longer than
 * {@link #MAX_SESSION_LENGTH} are not tracked: client input must not decide how much memory this takes.
 * Thread-safe.
 */
public final class SessionAffinity {
    public static final int MAX_SESSION_LENGTH = 256;
    public static final long DEFAULT_MAX_SESSIONS = 100_000;

    private record Key(String model, String session) {}

    private final Cache<Key, Candidate> table;

    /** @param nanoTime the ticker entries age by (a manual clock's in tests) */
    public SessionAffinity(Duration ttl, long maxSessions, LongSupplier nanoTime) {
        Objects.requireNonNull(nanoTime, "nanoTime");
        if (!ttl.isPositive() || maxSessions < 1) {
            throw new IllegalArgumentException("ttl and maxSessions must be positive");
        }
        this.table = Caffeine.newBuilder()
                .expireAfterAccess(ttl)
                .maximumSize(maxSessions)
                .ticker(nanoTime::getAsLong)
                .executor(Runnable::run) // upkeep is tiny and amortised; no pool thread, deterministic in tests
                .build();
    }

    /** Whether {@code session} can be tracked at all. */
    public static boolean acceptable(String session) {
        return session != null && !session.isEmpty() && session.length() <= MAX_SESSION_LENGTH;
    }

    /** @return the deployment that last answered this session for this model, or null */
    public Candidate lookup(String model, String session) {
        return acceptable(session) ? table.getIfPresent(new Key(model, session)) : null;
    }

    /** Records the deployment that answered. */
    public void remember(String model, String session, Candidate answered) {
        if (acceptable(session)) {
            table.put(new Key(model, session), answered);
        }
    }

    public long size() {
        table.cleanUp();
        return table.estimatedSize();
    }

    /**
     * The route with {@code affine} moved to the front when it is one of the route's candidates and
     * {@code healthy} admits it (its circuit breaker would let a call through); otherwise the route as
     * the strategy ordered it. The other candidates keep their order as fallbacks.
     */
    public static Route prefer(Route route, Candidate affine, Predicate<Candidate> healthy) {
        List<Candidate> cs = route.candidates();
        int at = cs.indexOf(affine);
        if (at <= 0 || !healthy.test(affine)) {
            return route; // absent, already first, or not healthy: the strategy's order stands
        }
        Candidate[] out = new Candidate[cs.size()];
        out[0] = affine;
        for (int i = 0, k = 1; i < cs.size(); i++) {
            if (i != at) {
                out[k++] = cs.get(i);
            }
        }
        return route.withCandidates(List.of(out));
    }
}
