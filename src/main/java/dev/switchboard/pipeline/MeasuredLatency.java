package dev.switchboard.pipeline;

import dev.switchboard.resilience.LatencyTracker;
import dev.switchboard.routing.Candidate;
import dev.switchboard.routing.LatencyRanking;
import java.util.ArrayList;
import java.util.List;

/** Least-latency ranking over the time to first byte the attempt loop measures per deployment. */
final class MeasuredLatency implements LatencyRanking {
    private final LatencyTracker tracker;

    MeasuredLatency(LatencyTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public List<Candidate> rank(List<Candidate> candidates) {
        int n = candidates.size();
        List<String> ids = new ArrayList<>(n);
        for (Candidate c : candidates) {
            ids.add(c.qualifiedName());
        }
        List<String> ranked = tracker.rank(ids);
        Candidate[] out = new Candidate[n];
        boolean[] used = new boolean[n];
        int k = 0;
        for (String id : ranked) {
            // the same deployment may be listed twice; each listing is placed once
            for (int i = 0; i < n; i++) {
                if (!used[i] && ids.get(i).equals(id)) {
                    used[i] = true;
                    out[k++] = candidates.get(i);
                    break;
                }
            }
        }
        return k == n ? List.of(out) : candidates;
    }
}
