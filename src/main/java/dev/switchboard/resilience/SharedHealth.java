package dev.switchboard.resilience;

import java.util.function.Consumer;

/**
 * The channel over which instances of one gateway tell each other about failing keys and deployments
 * ({@link HealthEvent}s). {@link #NONE}, the default, connects nothing: a single instance, or several
 * that each learn on their own. The Redis implementation (in the server, which owns the connection) pushes
 * events with pub/sub and keeps each one as a key that expires with it, so an instance that starts later
 * still learns what is in force.
 *
 * <p>Best effort by design: the gateway must keep answering when the channel is down, so nothing here
 * blocks or throws at the caller; lost events only mean an instance finds a failure out for itself.
 * Use it through {@link HealthSync}, which decides what is published and applies what arrives.
 */
public interface SharedHealth extends AutoCloseable {

    /** Shares nothing. */
    SharedHealth NONE = new SharedHealth() {
        @Override
        public void publish(HealthEvent event) {
        }

        @Override
        public void start(Consumer<HealthEvent> sink) {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "SharedHealth.NONE";
        }
    };

    /**
     * Tells the other instances; returns at once. An implementation must not hand the event back to this
     * instance's own sink.
     */
    void publish(HealthEvent event);

    /**
     * Starts delivering the other instances' events to {@code sink}: first those still in force (so a new
     * instance learns openings already under way), then each new one as it arrives. Called once. The sink
     * may be called from any thread, and an event may come twice.
     */
    void start(Consumer<HealthEvent> sink);

    /** Stops delivering and publishing; releases what {@link #start} took. */
    @Override
    void close();
}
