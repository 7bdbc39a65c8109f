package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.model.Progress;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.TaskRecord;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Hand-made snapshots one after another, carried by {@link Progress} as the agent's loop carries them, with a
 * detector run on each: what a user would have seen cycle by cycle.
 */
final class Timeline {

    static final long T0 = SnapshotBuilder.NOW;

    private final Detector detector;
    private final DetectOptions options;
    private Snapshot previous;
    private final List<List<Finding>> seen = new ArrayList<>();

    Timeline(Detector detector, DetectOptions options) {
        this.detector = detector;
        this.options = options;
    }

    /** The snapshot at {@code T0 + millis} with these threads (and tasks); its findings. */
    List<Finding> at(long millis, List<ThreadRecord> threads, List<TaskRecord> tasks) {
        Snapshot raw = Snapshot.ofThreads(T0 + millis, threads).withTasks(tasks);
        previous = Progress.carry(previous, raw);
        List<Finding> findings = detector.detect(previous, options);
        seen.add(findings);
        return findings;
    }

    List<Finding> at(long millis, ThreadRecord... threads) {
        return at(millis, List.of(threads), List.of());
    }

    /** Runs snapshots every {@code step} ms from {@code from} to {@code to} (inclusive); the first findings seen. */
    List<Finding> run(long from, long to, long step, LongFunction<List<ThreadRecord>> threadsAt) {
        List<Finding> first = List.of();
        for (long t = from; t <= to; t += step) {
            List<Finding> found = at(t, threadsAt.apply(t), List.of());
            if (first.isEmpty() && !found.isEmpty()) {
                first = found;
            }
        }
        return first;
    }

    Snapshot latest() {
        return previous;
    }

    /** Every cycle's findings so far, in order. */
    List<List<Finding>> seen() {
        return seen;
    }

    /** The first time (ms after T0) a cycle had findings, or -1. */
    long firstFindingAt(long from, long step) {
        for (int i = 0; i < seen.size(); i++) {
            if (!seen.get(i).isEmpty()) {
                return from + i * step;
            }
        }
        return -1;
    }

    /** A thread as the agent's cheap scan plus a stack would show it. */
    static ThreadRecord thread(long id, String name, String state, List<String> stack, String blockedOn,
                               long blocked, long waited, long cpuNanos) {
        return new ThreadRecord(id, name, false, true, state, stack, blockedOn, -1, null, blocked, waited, cpuNanos,
                List.of("java.base/java.lang.Thread.start(Thread.java:809)", "com.acme.Main.start(Main.java:9)"),
                1, null, 0);
    }
}
