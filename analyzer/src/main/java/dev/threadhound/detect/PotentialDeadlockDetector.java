package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.LockOrderEdge;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.LockEdgeRecord;
import dev.threadhound.model.LockOrderGraph;
import dev.threadhound.model.LockRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POTENTIAL_DEADLOCK}: a cycle in the order in which threads took locks, although no thread blocked. Run at
 * the same time, the paths of the cycle deadlock; lockdep, go-deadlock and ThreadSanitizer report the same. A cycle
 * whose threads would have to hold a common lock at once cannot close and is dropped ({@link LockCycles}); locks are
 * instances, so taking the locks of a list or tree one after another in one direction (lock coupling) makes no
 * cycle. A cycle made by one thread alone is reported too, saying so: the same code paths run on other threads in
 * production, and tests usually run them on one. A cycle that has already deadlocked is the {@code DEADLOCK}
 * finding's, not this one's.
 */
public final class PotentialDeadlockDetector implements Detector {

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        return cycles(snapshot).stream().map(c -> finding(snapshot, c)).toList();
    }

    /**
     * The threads it lists made a cycle's edges; none is stuck. And it needs the threads of a deadlock to see that a
     * cycle has already deadlocked: it must not be asked again without them.
     */
    @Override
    public boolean reportsStuckThreads() {
        return false;
    }

    /**
     * The cycles to report, each with its edges in cycle order ending with the one that closed it (the newest);
     * ordered by when they closed.
     */
    public static List<List<LockEdgeRecord>> cycles(Snapshot snapshot) {
        LockOrderGraph graph = snapshot.lockOrder();
        if (!graph.hasEdges()) {
            return List.of();
        }
        Set<Long> deadlocked = new HashSet<>();
        List<Finding> deadlocks = new DeadlockDetector().detect(snapshot, DetectOptions.defaults());
        deadlocks.forEach(f -> f.threads().forEach(t -> deadlocked.add(t.id())));
        List<List<LockEdgeRecord>> out = new ArrayList<>();
        for (List<LockEdgeRecord> cycle : LockCycles.of(graph)) {
            if (!cycle.stream().allMatch(e -> deadlocked.contains(e.threadId())) && !realized(cycle, deadlocks)) {
                out.add(closingLast(cycle));
            }
        }
        out.sort(Comparator.comparingLong((List<LockEdgeRecord> c) -> c.get(c.size() - 1).firstSeen())
                .thenComparingLong(c -> c.get(0).held()));
        return out;
    }

    /**
     * Whether a deadlock is this cycle come true, made by other threads than the ones that first took its locks in
     * these orders (a request that ran both paths safely, then two that met): a thread of it waits at each edge's
     * place of taking the second lock.
     */
    private static boolean realized(List<LockEdgeRecord> cycle, List<Finding> deadlocks) {
        for (Finding deadlock : deadlocks) {
            if (deadlock.threads().size() == cycle.size() && cycle.stream().allMatch(e -> !e.acquiredAt().isEmpty()
                    && deadlock.threads().stream().anyMatch(t -> waitsAt(t.stack(), e.acquiredAt().get(0))))) {
                return true;
            }
        }
        return false;
    }

    private static boolean waitsAt(List<String> stack, String frame) {
        String place = Frames.shortFrame(frame);
        return stack.stream().anyMatch(f -> Frames.shortFrame(f).equals(place));
    }

    /** The finding for one cycle of {@link #cycles}. */
    public static Finding finding(Snapshot snapshot, List<LockEdgeRecord> cycle) {
        LockOrderGraph graph = snapshot.lockOrder();
        List<String> parts = new ArrayList<>();
        List<FindingThread> threads = new ArrayList<>();
        List<LockOrderEdge> order = new ArrayList<>();
        for (LockEdgeRecord e : cycle) {
            LockRecord held = lock(graph, e.held());
            LockRecord acquired = lock(graph, e.acquired());
            parts.add(where(e) + " takes " + shortLabel(acquired) + " while holding " + shortLabel(held)
                    + " (thread " + e.thread() + ")");
            threads.add(thread(snapshot, e));
            order.add(new LockOrderEdge(held.label(), acquired.label(), e.thread(), e.heldAt(), e.acquiredAt()));
        }
        String summary = "lock-order cycle, a deadlock when these run at once: " + String.join("; ", parts);
        if (oneThread(cycle)) {
            summary += "; seen on one thread only (" + cycle.get(0).thread() + "), which cannot deadlock with itself,"
                    + " but the same paths on two threads can";
        }
        return Finding.of(FindingType.POTENTIAL_DEADLOCK, Severity.WARNING, summary)
                .threads(threads)
                .lockOrder(order)
                .build();
    }

    /** Every edge made by the same thread and by no other. */
    static boolean oneThread(List<LockEdgeRecord> cycle) {
        long first = cycle.get(0).threadId();
        return cycle.stream().allMatch(e -> e.threadId() == first && e.threadCount() == 1);
    }

    /** The same cycle, rotated so that the newest edge, the one that closed it, comes last. */
    private static List<LockEdgeRecord> closingLast(List<LockEdgeRecord> cycle) {
        int newest = 0;
        for (int i = 1; i < cycle.size(); i++) {
            if (cycle.get(i).firstSeen() >= cycle.get(newest).firstSeen()) {
                newest = i;
            }
        }
        List<LockEdgeRecord> rotated = new ArrayList<>(cycle.subList(newest + 1, cycle.size()));
        rotated.addAll(cycle.subList(0, newest + 1));
        return List.copyOf(rotated);
    }

    private static LockRecord lock(LockOrderGraph graph, long id) {
        return graph.lock(id).orElse(new LockRecord(id, "lock#" + id, null));
    }

    /** {@code Ledger.accountA (Ledger$Account@1b6d3586)}: the readable name with the class, without the package. */
    static String shortLabel(LockRecord lock) {
        String identity = Frames.shortIdentity(lock.identity());
        return lock.name() == null ? identity : lock.name() + " (" + identity + ")";
    }

    /** The method that took the second lock, e.g. {@code Ledger.transfer}. */
    /**
     * The method that took the second lock, and when it is a library's, the application's call into that library:
     * every caller of a library's two locks makes its edges at the same two places.
     */
    private static String where(LockEdgeRecord e) {
        List<String> stack = e.acquiredAt();
        int app = Frames.firstApplicationIndex(stack);
        if (app < 0) {
            return stack.isEmpty() ? "code" : Frames.shortMethod(stack.get(0));
        }
        return Frames.shortMethod(stack.get(app)) + CreationSites.callerOutside(stack, app);
    }

    /** The edge's thread with its stack at the second lock; its state and creation site when it is still alive. */
    private static FindingThread thread(Snapshot snapshot, LockEdgeRecord e) {
        Optional<ThreadRecord> live = snapshot.thread(e.threadId());
        return new FindingThread(e.thread(), e.threadId(), live.map(ThreadRecord::virtual).orElse(false),
                live.map(ThreadRecord::state).orElse("TERMINATED"), null, null, e.acquiredAt(),
                live.map(ThreadRecord::createdAt).orElse(List.of()));
    }
}
