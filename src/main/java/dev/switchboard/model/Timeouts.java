package dev.switchboard.model;

import java.time.Duration;
import java.util.Objects;

/** The four clocks of an upstream call; any of them expiring ends the attempt. */
public record Timeouts(Duration connect, Duration firstByte, Duration idle, Duration total) {
    public static final Timeouts DEFAULTS =
            new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofMinutes(30));

    public Timeouts {
        Objects.requireNonNull(connect);
        Objects.requireNonNull(firstByte);
        Objects.requireNonNull(idle);
        Objects.requireNonNull(total);
    }
}
