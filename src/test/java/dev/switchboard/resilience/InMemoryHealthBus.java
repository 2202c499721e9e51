package dev.switchboard.resilience;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Instances in one JVM, sharing health synchronously: what one member publishes, every other member's sink gets. */
final class InMemoryHealthBus {
    private final List<Member> members = new CopyOnWriteArrayList<>();
    /** Everything ever published, in order, by any member. */
    final List<HealthEvent> published = new CopyOnWriteArrayList<>();

    Member join() {
        Member m = new Member();
        members.add(m);
        return m;
    }

    final class Member implements SharedHealth {
        private volatile Consumer<HealthEvent> sink;
        final List<HealthEvent> sent = new ArrayList<>();

        @Override
        public void publish(HealthEvent event) {
            sent.add(event);
            published.add(event);
            for (Member m : members) {
                if (m != this && m.sink != null) {
                    m.sink.accept(event);
                }
            }
        }

        @Override
        public void start(Consumer<HealthEvent> sink) {
            this.sink = sink;
        }

        @Override
        public void close() {
            members.remove(this);
        }
    }
}
