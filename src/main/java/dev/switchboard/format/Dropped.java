package dev.switchboard.format;

import java.util.ArrayList;
import java.util.List;

/** Collects the fields a translation dropped because the target has no equivalent; shown to clients. */
public final class Dropped {
    private final List<String> fields = new ArrayList<>(2);

    public void add(String field) {
        if (!fields.contains(field)) {
            fields.add(field);
        }
    }

    public List<String> fields() {
        return List.copyOf(fields);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The value of the {@code X-Switchboard-Dropped} header. */
    public String headerValue() {
        return String.join(", ", fields);
    }
}
