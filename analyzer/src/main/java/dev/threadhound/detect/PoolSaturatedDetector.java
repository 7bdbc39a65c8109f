package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.ExecutorRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * {@code POOL_SATURATED}: a bounded executor whose every worker has been busy for {@code stuckAfter} while its
 * queue grew. A full pool whose queue holds steady keeps up; one whose queue grows falls further behind.
 */
public final class PoolSaturatedDetector implements Detector {

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        return snapshot.executors().stream()
                .filter(ExecutorRecord::bounded)
                .filter(e -> Stall.since(snapshot, e.saturatedSince()) >= options.stuckAfterMillis())
                .filter(e -> e.queued() > e.queuedAtSaturation())
                .filter(e -> !aWorkerWaitsForWork(snapshot, e))
                .sorted(Comparator.comparingLong(ExecutorRecord::saturatedSince)
                        .thenComparing(ExecutorRecord::identity, Comparator.nullsFirst(Comparator.naturalOrder())))
                .map(e -> finding(snapshot, e))
                .toList();
    }

    /**
     * A worker parked on its own pool is waiting for work, as a {@code ForkJoinPool}'s idle workers do: the pool is
     * not saturated, whatever its counts say. JDK 25's virtual-thread scheduler counts its workers active and the
     * timeouts of parked virtual threads queued while both workers wait (virtual threads taking turns at a monitor,
     * each sleeping between turns, in a full run).
     */
    private static boolean aWorkerWaitsForWork(Snapshot snapshot, ExecutorRecord e) {
        if (e.identity() == null) {
            return false;
        }
        Set<Long> ids = Set.copyOf(e.workerIds());
        return snapshot.threads().stream().anyMatch(t -> ids.contains(t.id()) && e.identity().equals(t.blockedOn())
                && ("WAITING".equals(t.state()) || "TIMED_WAITING".equals(t.state())));
    }

    private static Finding finding(Snapshot snapshot, ExecutorRecord e) {
        long saturatedFor = Stall.since(snapshot, e.saturatedSince());
        String summary = "executor " + e.name() + " has been saturated for " + Phrases.duration(saturatedFor)
                + " (" + e.activeThreads() + "/" + e.maxPoolSize() + " workers busy) and its queue grew from "
                + e.queuedAtSaturation() + " to " + Phrases.plural(e.queued(), "task");
        Set<Long> ids = Set.copyOf(e.workerIds());
        List<ThreadRecord> workers = snapshot.threads().stream()
                .filter(t -> ids.contains(t.id()))
                .sorted(Comparator.comparingLong(ThreadRecord::id))
                .toList();
        return Finding.of(FindingType.POOL_SATURATED, Severity.WARNING, summary)
                .threads(StuckSite.shown(workers))
                .executor(e.name())
                .durationMs(saturatedFor)
                .queued(e.queued())
                .active(e.activeThreads())
                .max(e.maxPoolSize())
                .build();
    }
}
