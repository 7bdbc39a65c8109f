package dev.threadhound.agent.sink;

import dev.threadhound.agent.Log;
import dev.threadhound.finding.Finding;
import dev.threadhound.model.Snapshot;
import dev.threadhound.report.LockOrderText;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One stderr line per new finding, the way a logger would warn: a person watching the console learns of a leak
 * when it appears, without polling the endpoint (a lock-order cycle adds a few lines: both chains and the
 * interleaving that deadlocks). A finding that stays is not repeated unless it has grown a lot (at least doubled
 * the threads, tasks or executors it counted when last logged), so the console never stays with a count far below
 * the one the endpoint shows; one that clears and comes back is logged again.
 */
public final class ConsoleLog implements FindingsSink {

    private final Consumer<String> out;
    /** Active findings by key, with the count they were last logged with. */
    private Map<String, Long> active = new HashMap<>();

    public ConsoleLog() {
        this(Log::line);
    }

    ConsoleLog(Consumer<String> out) {
        this.out = out;
    }

    @Override
    public void publish(Snapshot snapshot, List<Finding> findings) {
        Map<String, Long> now = new HashMap<>();
        List<String> keys = FindingKey.of(findings);
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            String key = keys.get(i);
            long count = counted(f);
            Long logged = active.get(key);
            if (logged == null || count >= 2 * logged) {
                out.accept(f.severity() + " " + f.type() + ": " + f.summary());
                LockOrderText.lines(f).forEach(line -> out.accept("  " + line));
                logged = count;
            }
            now.put(key, logged);
        }
        active = now;
    }

    /**
     * What the doubling is judged on: the executors or periodic tasks of a pile of them (its summary's count; the
     * threads they hold may be none), else the threads the metrics count; at least one, so that a finding that counts
     * nothing (a pile of executors holding no thread, contention whose threads are gone) is not new again each cycle.
     */
    static long counted(Finding f) {
        long count = FindingMeters.countsObjects(f) && f.count() != null ? f.count() : FindingMeters.held(f);
        return Math.max(1, count);
    }
}
