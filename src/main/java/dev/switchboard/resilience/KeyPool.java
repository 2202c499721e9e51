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
 * for people ({@link #status()}, toString) shows it masked.
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
     * One key as an admin sees it.
     *
     * @param key the masked key ({@link KeyMask})
     * @param until when a cooldown ends; null when available or disabled
     * @param reason why it is set aside; null when available
     */
    public record KeyStatus(int index, String key, KeyState state, Instant until, String reason) {}

    /** Why and until when (epoch millis) a key is set aside. Immutable; swapped atomically. */
    private record Hold(KeyState state, long untilMillis, String reason) {
        boolean activeAt(long now) {
            return state == KeyState.DISABLED || now < untilMillis;
        }
    }

    private static final class Slot {
        final String key;
        final Lease lease;
        /** Built once so {@link #lease()} allocates nothing. */
        final Optional<Lease> offer;
        /** null = never set aside. */
        final AtomicReference<Hold> hold = new AtomicReference<>();

        Slot(String key, int index) {
            this.key = key;
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
    private final Config config;
    private final Clock clock;
    private final AtomicLong cursor = new AtomicLong();

    /**
     * @param keys the provider's keys in config order; a key listed twice is one key (same credential,
     *     same limits); an empty list means the provider needs no key
     */
    public KeyPool(List<String> keys, Config config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        List<String> distinct = List.copyOf(new LinkedHashSet<>(keys));
        this.slots = new Slot[distinct.size()];
        Map<String, Slot> map = new HashMap<>();
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Slot(distinct.get(i), i);
            map.put(slots[i].key, slots[i]);
        }
        this.byKey = Map.copyOf(map);
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
        return setAside(key, KeyState.COOLING_DOWN, d, "rate limited");
    }

    /** Rests a key whose quota or credit is used up, for {@code exhaustedCooldown}. */
    public boolean exhausted(String key) {
        return setAside(key, KeyState.EXHAUSTED, config.exhaustedCooldown(), "quota exhausted");
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
        s.hold.set(new Hold(KeyState.DISABLED, Long.MAX_VALUE, why));
        return true;
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
                Instant until = h.state == KeyState.DISABLED ? null : Instant.ofEpochMilli(h.untilMillis);
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

    private boolean setAside(String key, KeyState state, Duration d, String reason) {
        Slot s = slot(key);
        if (s == null) {
            return false;
        }
        if (d.isZero() || d.isNegative()) {
            return true;
        }
        long now = clock.millis();
        long until = now + Math.min(d.toMillis(), RetryAfter.MAX.toMillis());
        Hold wanted = new Hold(state, until, reason);
        s.hold.updateAndGet(h -> h == null || !h.activeAt(now) || h.state != KeyState.DISABLED && h.untilMillis < until
                ? wanted : h);
        return true;
    }

    private Slot slot(String key) {
        return key == null ? null : byKey.get(key);
    }
}
