package dev.switchboard.config;

import java.time.Duration;

/** @param adminKey null when the admin API is disabled */
public record ServerConfig(String host, int port, String adminKey, LimitsConfig limits, Duration shutdownGrace) {
    /** {@code HOST:PORT} as written in the file; IPv6 hosts in brackets ({@code [::1]:8080}). */
    public String listen() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Masks the admin key: a logged snapshot must not hand out admin access. */
    @Override
    public String toString() {
        return "ServerConfig[listen=" + listen() + ", adminKey=" + Secrets.mask(adminKey) + ", limits=" + limits
                + ", shutdownGrace=" + shutdownGrace + "]";
    }
}
