package dev.switchboard.tenancy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A feed within one process: enough for a single instance on the embedded store. */
public final class LocalChangeFeed implements ChangeFeed {
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void subscribe(Consumer<String> listener) {
        listeners.add(listener);
    }

    @Override
    public CompletionStage<Void> publish(String payload) {
        listeners.forEach(l -> l.accept(payload));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
