package dev.switchboard.tenancy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The listeners of one {@link ChangeFeed}: one that throws is logged and does not keep the others from hearing. */
public final class ChangeListeners {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeListeners.class);

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public void add(Consumer<String> listener) {
        listeners.add(listener);
    }

    public void deliver(String payload) {
        for (Consumer<String> l : listeners) {
            try {
                l.accept(payload);
            } catch (RuntimeException e) {
                LOG.warn("change listener failed: {}", LogSafe.describe(e));
            }
        }
    }

    public void clear() {
        listeners.clear();
    }
}
