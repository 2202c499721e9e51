package dev.switchboard.testkit;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The live chaos draw: a profile, its seeded random source and counts of what it injected. */
final class ChaosDraw {
    final ChaosProfile profile;
    final Random random;
    final Map<String, LongAdder> injected = new ConcurrentHashMap<>();

    ChaosDraw(ChaosProfile profile) {
        this.profile = profile;
        this.random = new Random(profile.seed());
    }

    long latencyMillis() {
        long max = profile.maxLatency().toMillis();
        return max <= 0 ? 0 : random.nextLong(max + 1);
    }

    FakeUpstream.Fault draw(boolean stream) {
        double r = random.nextDouble();
        if ((r -= profile.status503()) < 0) {
            return count("503", new FakeUpstream.Fault.Status(503, null, null));
        }
        if ((r -= profile.status429()) < 0) {
            return count("429", new FakeUpstream.Fault.Status(429, "1", null));
        }
        if ((r -= profile.slowHeaders()) < 0) {
            return count("slow_headers", new FakeUpstream.Fault.SlowHeaders(profile.slowHeadersDelay()));
        }
        if ((r -= profile.resetBeforeHeaders()) < 0) {
            return count("reset_before_headers", new FakeUpstream.Fault.ResetBeforeHeaders());
        }
        if (!stream) {
            return null;
        }
        if ((r -= profile.resetMidStream()) < 0) {
            return count("reset_mid_stream", new FakeUpstream.Fault.ResetAfterEvents(1 + random.nextInt(3)));
        }
        if ((r -= profile.stallMidStream()) < 0) {
            return count("stall_mid_stream", new FakeUpstream.Fault.StallAfterEvents(1 + random.nextInt(3)));
        }
        return null;
    }

    private FakeUpstream.Fault count(String kind, FakeUpstream.Fault fault) {
        injected.computeIfAbsent(kind, k -> new LongAdder()).increment();
        return fault;
    }
}
