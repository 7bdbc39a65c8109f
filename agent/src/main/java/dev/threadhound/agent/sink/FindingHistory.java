package dev.threadhound.agent.sink;

import dev.threadhound.finding.Finding;
import dev.threadhound.model.Snapshot;
import dev.threadhound.report.ClearedFinding;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings of a run that cleared before its end, for the report written at exit ({@code report=}): that report
 * holds the findings active as the JVM exits, and a hang that passed, a task stuck for a minute that then went on,
 * or contention that eased would otherwise be known only to whoever watched the console. Each is kept as it was
 * last seen, with when it was first and last seen; one that comes back is active again, since its first sighting.
 * At most {@value #KEPT}, the latest to clear: a long run's report stays small.
 */
public final class FindingHistory implements FindingsSink {

    static final int KEPT = 100;

    private record Seen(long first, long last, Finding finding) {
    }

    private Map<String, Seen> active = new HashMap<>();
    /** In the order they cleared, the oldest first. */
    private final LinkedHashMap<String, Seen> cleared = new LinkedHashMap<>();

    @Override
    public synchronized void publish(Snapshot snapshot, List<Finding> findings) {
        long now = snapshot.takenAt();
        Map<String, Seen> next = new HashMap<>();
        List<String> keys = FindingKey.of(findings);
        for (int i = 0; i < findings.size(); i++) {
            String key = keys.get(i);
            Seen before = active.get(key);
            if (before == null) {
                before = cleared.remove(key);
            }
            next.put(key, new Seen(before != null ? before.first() : now, now, findings.get(i)));
        }
        active.forEach((key, seen) -> {
            if (!next.containsKey(key)) {
                cleared.put(key, seen);
            }
        });
        for (Iterator<String> oldest = cleared.keySet().iterator(); cleared.size() > KEPT; ) {
            oldest.next();
            oldest.remove();
        }
        active = next;
    }

    /** The findings that cleared, in the order they did. */
    public synchronized List<ClearedFinding> cleared() {
        List<ClearedFinding> out = new ArrayList<>(cleared.size());
        for (Seen seen : cleared.values()) {
            out.add(new ClearedFinding(Instant.ofEpochMilli(seen.first()).toString(),
                    Instant.ofEpochMilli(seen.last()).toString(), seen.finding()));
        }
        return out;
    }
}
