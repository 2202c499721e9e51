package dev.switchboard.tenancy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/** A feed within one process: enough for a single instance on the embedded store. */
public final class LocalChangeFeed implements ChangeFeed {
    private final ChangeListeners listeners = new ChangeListeners();

    @Override
    public void subscribe(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public CompletionStage<Void> publish(String payload) {
        listeners.deliver(payload);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
