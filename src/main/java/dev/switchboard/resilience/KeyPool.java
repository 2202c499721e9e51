package dev.switchboard.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The keys of one provider: which one the next call uses, and which are set aside.
 *
 * <ul>
 *   <li>{@link #cooldown} — a 429: the key rests for the server's Retry-After (at most {@code maxCooldown}).
 *   <li>{@link #exhausted} — a quota/billing error: the key rests for the longer {@code exhaustedCooldown}.
 *   <li>{@link #disable} — a 401/403: the key is out until the config changes, which builds a new pool.
 * </ul>
 * A key that is set aside again keeps whichever rest ends later, and a disabled key stays disabled.
 *
 * <p>{@link #lease()} is on the hot path: it reads the clock once, scans at most every key, and allocates
 * nothing (each key's lease is built once, up front). Thread-safe; no locks.
 *
 * <p>The raw key is only ever exposed as {@link Lease#key()} for the upstream request; everything meant
 * for people ({@link #status()}, toString) shows it masked, and everything meant for other instances
 * names it by its {@link KeyFingerprint}.
 *
 * <p>Sharing with other instances: every key this pool sets aside itself is told to its {@link Listener}
 * (which publishes it); what other instances set aside comes back through {@link #applyShared}, which
 * tells nobody, so an event never echoes between instances.
 */
public final class KeyPool {

    public enum Strategy {
        /** Spread calls over all usable keys, so their rate limits add up. */
        ROUND_ROBIN,
        /** Use the first usable key until it is set aside, then the next: keeps spare keys untouched. */
        FILL_FIRST
    }

    /**
     * @param maxCooldown a rate-limit cooldown never exceeds this, whatever the upstream asked for (a
     *     hostile or buggy Retry-After must not bench a key for a year)
     * @param exhaustedCooldown how long a key rests after a quota-exhausted error
     */
    public record Config(Strategy strategy, Duration maxCooldown, Duration exhaustedCooldown) {
        private static final Config DEFAULTS =
                new Config(Strategy.ROUND_ROBIN, Duration.ofMinutes(15), Duration.ofHours(1));

        public Config {
            Objects.requireNonNull(strategy, "strategy");
            Objects.requireNonNull(maxCooldown, "maxCooldown");
            Objects.requireNonNull(exhaustedCooldown, "exhaustedCooldown");
            if (maxCooldown.isNegative() || exhaustedCooldown.isNegative()) {
                throw new IllegalArgumentException("cooldowns must not be negative");
            }
        }

        /** Round-robin; rate-limit cooldowns at most 15 min; exhausted keys rest 1 h. */
        public static Config defaults() {
            return DEFAULTS;
        }

        public Config withStrategy(Strategy s) {
            return new Config(s, maxCooldown, exhaustedCooldown);
        }
    }

    /**
     * The key chosen for one call. {@code index} is its position in the configured list; {@code masked} is
     * safe to log and to use in deployment ids. toString() never shows the raw key.
     */
    public record Lease(String key, int index, String masked) {
        @Override
        public String toString() {
            return "Lease[" + index + " " + masked + "]";
        }
    }

    public enum KeyState { AVAILABLE, COOLING_DOWN, EXHAUSTED, DISABLED }

    /**
     * Told when this pool sets a key aside because of its own calls (never for {@link #applyShared}), and
     * only when that changed the key's state (a longer rest, or a new reason), so a burst of 429s on one key
     * is told once. Runs on the calling thread; must be quick and must not block.
     */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (keyId, state, until, reason) -> { };

        /**
         * @param keyId the key's {@link KeyFingerprint}, never the key
         * @param until when the rest ends; for {@link KeyState#DISABLED}, which lasts here until the config
         *     changes, {@code now + exhaustedCooldown}: how long other instances should keep away from a key
         *     they did not see rejected (if it is still bad, their own first call disables it for good)
         * @param reason short and free of the key (already masked)
         */
        void onSetAside(String keyId, KeyState state, Instant until, String reason);
    }

    /**
     * One key as an admin sees it.
     *
     * @param key the masked key ({@link KeyMask})
     * @param until when a cooldown ends; null when available or disabled
     * @param reason why it is set aside; null when available
     */
    public record KeyStatus(int index, String key, KeyState state, Instant until, String reason) {}

    /** A disable of our own lasts until the config changes, i.e. for the life of this pool. */
    private static final long FOREVER = Long.MAX_VALUE;
    /** Reasons from other instances are shown on the status page: keep them short. */
    private static final int MAX_REASON = 200;

    /** Why and until when (epoch millis) a key is set aside. Immutable; swapped atomically. */
    private record Hold(KeyState state, long untilMillis, String reason) {
        boolean activeAt(long now) {
            return now < untilMillis;
        }
    }

    private static final class Slot {
        final String key;
        final String id;
        final Lease lease;
        /** Built once so {@link #lease()} allocates nothing. */
        final Optional<Lease> offer;
        /** null = never set aside. */
        final AtomicReference<Hold> hold = new AtomicReference<>();

        Slot(String key, int index) {
            this.key = key;
            this.id = KeyFingerprint.of(key);
            this.lease = new Lease(key, index, KeyMask.mask(key));
            this.offer = Optional.of(lease);
        }

        boolean usableAt(long now) {
            Hold h = hold.get();
            return h == null || !h.activeAt(now);
        }
    }

    private final Slot[] slots;
    private final Map<String, Slot> byKey;
    private final Map<String, Slot> byId;
    private final Config config;
    private final Clock clock;
    private final Listener listener;
    private final AtomicLong cursor = new AtomicLong();

    /**
     * @param keys the provider's keys in config order; a key listed twice is one key (same credential,
     *     same limits); an empty list means the provider needs no key
     * @param listener told about keys this pool sets aside itself, to share them with other instances
     */
    public KeyPool(List<String> keys, Config config, Clock clock, Listener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        List<String> distinct = List.copyOf(new LinkedHashSet<>(keys));
        this.slots = new Slot[distinct.size()];
        Map<String, Slot> map = new HashMap<>();
        Map<String, Slot> ids = new HashMap<>();
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot(distinct.get(i), i);
            map.put(slots[i].key, slots[i]);
            ids.put(slots[i].id, slots[i]);
        }
        this.byKey = Map.copyOf(map);
        this.byId = Map.copyOf(ids);
    }

    /** A pool whose holds are its own alone (no other instance hears of them). */
    public KeyPool(List<String> keys, Config config, Clock clock) {
        this(keys, config, clock, Listener.NONE);
    }

    /**
     * The key for the next call, skipping keys that are cooling down, exhausted or disabled.
     *
     * @return empty when <b>no key is usable right now</b> — or when the pool has no keys at all, which
     *     means the provider needs none; tell the two apart with {@link #isEmpty()}
     */
    public Optional<Lease> lease() {
        int n = slots.length;
        if (n == 0) {
            return Optional.empty();
        }
        long now = clock.millis();
        int start = config.strategy() == Strategy.FILL_FIRST || n == 1
                ? 0 : (int) Math.floorMod(cursor.getAndIncrement(), (long) n);
        for (int i = 0; i < n; i++) {
            int at = start + i;
            Slot s = slots[at < n ? at : at - n];
            if (s.usableAt(now)) {
                return s.offer;
            }
        }
        return Optional.empty();
    }

    /**
     * Rests a rate-limited key for {@code duration} (the upstream's Retry-After or reset time), at most
     * {@code maxCooldown}. Does nothing for a zero or negative duration.
     *
     * @return false when the key is not in this pool (e.g. the config was reloaded in between)
     */
    public boolean cooldown(String key, Duration duration) {
        Duration d = duration.compareTo(config.maxCooldown()) > 0 ? config.maxCooldown() : duration;
        return restLocally(key, KeyState.COOLING_DOWN, d, "rate limited");
    }

    /** Rests a key whose quota or credit is used up, for {@code exhaustedCooldown}. */
    public boolean exhausted(String key) {
        return restLocally(key, KeyState.EXHAUSTED, config.exhaustedCooldown(), "quota exhausted");
    }

    /**
     * Takes a key out until the config changes (401/403: revoked or wrong). {@code reason} is shown on the
     * status page; should it contain the key itself, the key is masked there.
     */
    public boolean disable(String key, String reason) {
        Slot s = slot(key);
        if (s == null) {
            return false;
        }
        String why = reason == null ? "disabled" : reason.replace(s.key, s.lease.masked());
        Hold before = s.hold.getAndSet(new Hold(KeyState.DISABLED, FOREVER, why));
        long now = clock.millis();
        if (before == null || before.untilMillis != FOREVER || !before.reason.equals(why)) {
            notify(s, KeyState.DISABLED, now + config.exhaustedCooldown().toMillis(), why);
        }
        return true;
    }

    /**
     * Applies what another instance saw: sets the key with fingerprint {@code keyId} aside until
     * {@code until}, as {@code state}, without telling the {@link Listener} (the other instance told
     * everyone already). Keeps whichever rest ends later, like the local calls; a rest is never longer than
     * this pool's own longest ({@code maxCooldown} or {@code exhaustedCooldown}), whatever the peer said.
     *
     * @return whether a key of this pool was set aside by it (false for unknown ids, past times, or a key
     *     already resting at least that long)
     */
    public boolean applyShared(String keyId, KeyState state, Instant until, String reason) {
        Slot s = keyId == null ? null : byId.get(keyId);
        if (s == null || state == null || state == KeyState.AVAILABLE || until == null) {
            return false;
        }
        long now = clock.millis();
        long longest = Math.max(config.maxCooldown().toMillis(), config.exhaustedCooldown().toMillis());
        long end = Math.min(until.toEpochMilli(), now + longest);
        String why = reason == null || reason.isBlank() ? "set aside by another instance"
                : (reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason).replace(s.key, s.lease.masked());
        return end > now && hold(s, new Hold(state, end, why + " (shared)"), now);
    }

    /** Every key, masked, with its state now. */
    public List<KeyStatus> status() {
        long now = clock.millis();
        List<KeyStatus> out = new ArrayList<>(slots.length);
        for (Slot s : slots) {
            Hold h = s.hold.get();
            if (h == null || !h.activeAt(now)) {
                out.add(new KeyStatus(s.lease.index(), s.lease.masked(), KeyState.AVAILABLE, null, null));
            } else {
                Instant until = h.untilMillis == FOREVER ? null : Instant.ofEpochMilli(h.untilMillis);
                out.add(new KeyStatus(s.lease.index(), s.lease.masked(), h.state, until, h.reason));
            }
        }
        return out;
    }

    public Config config() {
        return config;
    }

    public int size() {
        return slots.length;
    }

    /** True when the provider has no keys (it needs none), as opposed to having none usable right now. */
    public boolean isEmpty() {
        return slots.length == 0;
    }

    @Override
    public String toString() {
        return "KeyPool" + status();
    }

    private boolean restLocally(String key, KeyState state, Duration d, String reason) {
        Slot s = slot(key);
        if (s == null) {
            return false;
        }
        if (d.isZero() || d.isNegative()) {
            return true;
        }
        long now = clock.millis();
        long until = now + Math.min(d.toMillis(), RetryAfter.MAX.toMillis());
        if (hold(s, new Hold(state, until, reason), now)) {
            notify(s, state, until, reason);
        }
        return true;
    }

    /**
     * Sets {@code wanted} unless the key already rests at least as long (a disable of our own rests
     * forever, so it stays).
     *
     * @return whether {@code wanted} was set
     */
    private static boolean hold(Slot s, Hold wanted, long now) {
        while (true) {
            Hold h = s.hold.get();
            if (h != null && h.activeAt(now) && h.untilMillis >= wanted.untilMillis) {
                return false;
            }
            if (s.hold.compareAndSet(h, wanted)) {
                return true;
            }
        }
    }

    private void notify(Slot s, KeyState state, long untilMillis, String reason) {
        try {
            listener.onSetAside(s.id, state, Instant.ofEpochMilli(untilMillis), reason);
        } catch (RuntimeException e) { // sharing is best effort: a failing listener must not fail the call
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e);
        }
    }

    private Slot slot(String key) {
        return key == null ? null : byKey.get(key);
    }
}
