package dev.threadhound.agent.sink;

import dev.threadhound.agent.Log;
import dev.threadhound.finding.Finding;
import dev.threadhound.model.Snapshot;
import dev.threadhound.report.LockOrderText;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One stderr line per new finding, the way a logger would warn: a person watching the console learns of a leak
 * when it appears, without polling the endpoint (a lock-order cycle adds a few lines: both chains and the
 * interleaving that deadlocks). A finding that stays is not repeated unless it has grown a lot (at least doubled
 * the threads, tasks or executors it counted when last logged), so the console never stays with a count far below
 * the one the endpoint shows. One that clears and comes back is logged again, unless it comes back within
 * {@link #COMEBACK_QUIET_MILLIS}, less than twice as large as when last logged: a pool saturated at each burst of
 * load (the JDK's scheduler of virtual threads on a busy machine) is one problem, not a line a burst.
 */
public final class ConsoleLog implements FindingsSink {

    /** How long a cleared finding is remembered, with the count it was last logged with. */
    static final long COMEBACK_QUIET_MILLIS = 60_000;

    private final Consumer<String> out;
    private final LongSupplier clock;
    /** Active findings by key, with the count they were last logged with. */
    private Map<String, Long> active = new HashMap<>();
    /** Findings cleared within {@link #COMEBACK_QUIET_MILLIS}, by key. */
    private final Map<String, Cleared> cleared = new HashMap<>();

    private record Cleared(long logged, long at) {
    }

    public ConsoleLog() {
        this(Log::line, System::currentTimeMillis);
    }

    ConsoleLog(Consumer<String> out) {
        this(out, System::currentTimeMillis);
    }

    ConsoleLog(Consumer<String> out, LongSupplier clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void publish(Snapshot snapshot, List<Finding> findings) {
        long at = clock.getAsLong();
        cleared.values().removeIf(c -> at - c.at() > COMEBACK_QUIET_MILLIS);
        Map<String, Long> now = new HashMap<>();
        List<String> keys = FindingKey.of(findings);
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            String key = keys.get(i);
            long count = counted(f);
            Long logged = active.get(key);
            if (logged == null) {
                Cleared back = cleared.remove(key);
                logged = back != null ? back.logged() : null;
            }
            if (logged == null || count >= 2 * logged) {
                out.accept(f.severity() + " " + f.type() + ": " + f.summary());
                LockOrderText.lines(f).forEach(line -> out.accept("  " + line));
                logged = count;
            }
            now.put(key, logged);
        }
        active.forEach((key, logged) -> {
            if (!now.containsKey(key)) {
                cleared.put(key, new Cleared(logged, at));
            }
        });
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
