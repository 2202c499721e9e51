package dev.switchboard.testkit;

/**
 * The fake provider's timeouts in {@link GatewayTest#standardConfig(UpstreamTimeouts)}, as config durations.
 *
 * <p>{@link #RELAXED} is for every test that is not about a timeout: on a loaded 2-core CI machine a cold
 * JVM's first request can take well over a second, and a 1 s first-byte timeout then turns a slow test
 * into a failover the test did not ask for (another key, an extra upstream request). A test about a
 * timeout tightens just the one it exercises, with the fault far beyond it.
 */
public record UpstreamTimeouts(String connect, String firstByte, String idle, String total) {
    public static final UpstreamTimeouts RELAXED = new UpstreamTimeouts("5s", "30s", "30s", "60s");

    public UpstreamTimeouts withFirstByte(String duration) {
        return new UpstreamTimeouts(connect, duration, idle, total);
    }

    public UpstreamTimeouts withIdle(String duration) {
        return new UpstreamTimeouts(connect, firstByte, duration, total);
    }

    String yaml() {
        return "{ connect: %s, first_byte: %s, idle: %s, total: %s }".formatted(connect, firstByte, idle, total);
    }
}
