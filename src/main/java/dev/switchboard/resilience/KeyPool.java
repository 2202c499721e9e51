package dev.switchboard.resilience;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The keys of one provider, handed out round-robin so load spreads over their rate limits.
 * Cooldowns and disabling come with the resilience policy; the pool is the place they will live.
 */
public final class KeyPool {
    private final List<String> keys;
    private final AtomicLong next = new AtomicLong();

    public KeyPool(List<String> keys) {
        this.keys = List.copyOf(keys);
    }

    /** @return the next key, or null when the provider needs none */
    public String next() {
        if (keys.isEmpty()) {
            return null;
        }
        if (keys.size() == 1) {
            return keys.get(0);
        }
        return keys.get((int) Math.floorMod(next.getAndIncrement(), (long) keys.size()));
    }

    public int size() {
        return keys.size();
    }
}
