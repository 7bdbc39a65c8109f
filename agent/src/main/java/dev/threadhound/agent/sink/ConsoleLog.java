package dev.threadhound.agent.sink;

import dev.threadhound.agent.Log;
import dev.threadhound.detect.CreationSites;
import dev.threadhound.detect.Frames;
import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.model.Snapshot;
import dev.threadhound.report.LockOrderText;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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
        for (Finding f : findings) {
            String anchored = key(f);
            String key = anchored;
            // two findings of one cycle never share their memory, whatever their anchors
            for (int same = 2; now.containsKey(key); same++) {
                key = anchored + "#" + same;
            }
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

    /**
     * What makes a finding the same one next cycle: where it is anchored (the lock's site, the submission or
     * creation site, the stuck thread's own frames) and, for cycles, who is in it; never its duration or how many
     * threads a growing group lists.
     */
    static String key(Finding f) {
        if (f.lockOrder() != null) {
            // A lock-order cycle is its locks, whether or not its threads are still alive.
            return f.type() + "|" + f.lockOrder().stream().map(e -> e.held() + ">" + e.acquired()).sorted()
                    .collect(Collectors.joining(","));
        }
        String cycle = f.cycle() == null ? "" : f.cycle().stream().sorted().collect(Collectors.joining(","));
        // a pile of executors is named after its newest one, which changes as the pile grows
        String executor = f.type() == FindingType.LEAKED_EXECUTOR ? "" : f.executor();
        return f.type() + "|" + executor + "|" + f.lock() + "|" + cycle + "|" + anchor(f);
    }

    private static String anchor(Finding f) {
        if (f.cycle() != null || f.type() == FindingType.EXIT_BLOCKED) {
            // Who is in a cycle is all it is: its threads' stacks arrive a cycle later (cheap scan first) and must
            // not make it new. A JVM is kept from exiting once, whatever its holders do meanwhile.
            return "";
        }
        return Stream.of(f.site(), f.submittedAt(), f.createdAt())
                .filter(frames -> frames != null && !frames.isEmpty())
                .map(ConsoleLog::site)
                .findFirst()
                .orElseGet(() -> f.threads().isEmpty() ? "" : threadAnchor(f.threads().get(0)));
    }

    /** The application's frames of a site: the JDK frame on top (an executor's constructor) is the same for all. */
    private static String site(List<String> frames) {
        List<String> application = CreationSites.key(frames);
        return application.isEmpty() ? frames.get(0) : String.join("|", application);
    }

    /**
     * A group of threads stuck at one site shares where it was started and where it waits: the application's frames
     * of its creation site, and its stack down to the first frame of the application's. Not the top frames alone:
     * virtual threads started by one executor and parked at different places all start in the JDK's executor and
     * park in {@code VirtualThread.park}, and two such groups made one key, each logged again every cycle as the
     * other's count stood in for its own.
     */
    private static String threadAnchor(FindingThread t) {
        return (t.createdAt().isEmpty() ? "" : site(t.createdAt())) + "/" + String.join("|", waitsAt(t.stack()));
    }

    private static List<String> waitsAt(List<String> stack) {
        int application = Frames.firstApplicationIndex(stack);
        return application < 0 ? stack : stack.subList(0, application + 1);
    }
}
