package dev.switchboard.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects problems during one load. Loading never stops at the first problem: a user fixing a file
 * wants to see everything that is wrong in one run.
 */
final class Problems {
    private final List<ConfigProblem> list = new ArrayList<>();

    void add(String path, int line, String message) {
        list.add(new ConfigProblem(path, line, message));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    int size() {
        return list.size();
    }

    /** Sorted by line (stable), since cross-checks run after the walk and would otherwise be out of order. */
    List<ConfigProblem> sorted() {
        List<ConfigProblem> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparingInt(ConfigProblem::line));
        return List.copyOf(copy);
    }
}
