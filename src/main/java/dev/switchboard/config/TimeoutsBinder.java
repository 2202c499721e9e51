package dev.switchboard.config;

import dev.switchboard.model.Timeouts;
import java.time.Duration;

/** {@code timeouts: {connect, first_byte, idle, total}}; each clock left out is inherited. */
final class TimeoutsBinder {
    private TimeoutsBinder() {}

    /** @param parent what missing clocks inherit ({@code defaults.timeouts}, or {@link Timeouts#DEFAULTS}) */
    static Timeouts bind(Binding b, YamlNode.Entry entry, String path, Timeouts parent) {
        if (entry == null) {
            return parent;
        }
        Fields f = b.fields(entry.value(), path, entry.keyLine(), "connect", "first_byte", "idle", "total");
        if (f == null) {
            return parent;
        }
        return new Timeouts(
                orElse(f.duration("connect", true), parent.connect()),
                orElse(f.duration("first_byte", true), parent.firstByte()),
                orElse(f.duration("idle", true), parent.idle()),
                orElse(f.duration("total", true), parent.total()));
    }

    private static Duration orElse(Duration d, Duration fallback) {
        return d != null ? d : fallback;
    }
}
