package dev.threadhound.agent.sink;

import dev.threadhound.agent.Log;
import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.model.Snapshot;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One stderr line per new finding, the way a logger would warn: a person watching the console learns of a leak
 * when it appears, without polling the endpoint. A finding that stays is not repeated; one that clears and comes
 * back is.
 */
public final class ConsoleLog implements FindingsSink {

    private Set<String> active = new HashSet<>();

    @Override
    public void publish(Snapshot snapshot, List<Finding> findings) {
        Set<String> now = new HashSet<>();
        for (Finding f : findings) {
            String key = key(f);
            now.add(key);
            if (!active.contains(key)) {
                Log.line(f.severity() + " " + f.type() + ": " + f.summary());
            }
        }
        active = now;
    }

    /** What makes a finding the same one next cycle: never its duration, which grows. */
    static String key(Finding f) {
        String threads = f.threads().stream().map(FindingThread::name).sorted().collect(Collectors.joining(","));
        String site = f.site() != null && !f.site().isEmpty() ? f.site().get(0)
                : f.createdAt() != null && !f.createdAt().isEmpty() ? f.createdAt().get(0) : "";
        return f.type() + "|" + f.executor() + "|" + f.lock() + "|" + threads + "|" + site;
    }
}
