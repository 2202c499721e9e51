package dev.switchboard.config;

import java.time.Duration;

/** @param adminKey null when the admin API is disabled */
public record ServerConfig(String host, int port, String adminKey, LimitsConfig limits, Duration shutdownGrace) {
    public String listen() {
        return host + ":" + port;
    }
}
