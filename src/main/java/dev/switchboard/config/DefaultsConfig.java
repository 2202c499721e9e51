package dev.switchboard.config;

import dev.switchboard.model.Timeouts;

/** Settings every provider inherits unless it overrides them. */
public record DefaultsConfig(Timeouts timeouts) {
    public static final DefaultsConfig DEFAULTS = new DefaultsConfig(Timeouts.DEFAULTS);
}
