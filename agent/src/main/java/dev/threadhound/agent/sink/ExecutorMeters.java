package dev.threadhound.agent.sink;

import dev.threadhound.agent.sink.ExecutorLoad.ExecutorSums;
import dev.threadhound.model.ExecutorRecord;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code threadhound_executor_*} gauges and counters for every executor the snapshot holds, labelled by
 * {@link ExecutorRecord#name()} through {@link BoundedLabels}. Executors that share a name are summed. The
 * completed, rejected and worker-death totals are built from each executor's own monotonic counts: what grew since the
 * previous snapshot is added, so an executor that goes away never makes a total shrink.
 */
final class ExecutorMeters {

    private final MeterRegistry registry;
    private final BoundedLabels labels;
    private final Map<String, ExecutorLoad> loads = new HashMap<>();
    /** identity to {completed, rejected, worker deaths} as of the previous snapshot; only live executors. */
    private Map<String, long[]> lastCounts = new HashMap<>();

    ExecutorMeters(MeterRegistry registry, BoundedLabels labels) {
        this.registry = registry;
        this.labels = labels;
    }

    /** Runs on the detector loop only; scrapes read the loads' volatile fields. */
    synchronized void publish(List<ExecutorRecord> executors) {
        Map<String, ExecutorSums> sums = new HashMap<>();
        Map<String, long[]> counts = new HashMap<>();
        for (ExecutorRecord e : executors) {
            ExecutorSums s = sums.computeIfAbsent(labels.of(e.name()), k -> new ExecutorSums());
            s.instances++;
            s.poolSize += e.poolSize();
            s.active += e.activeThreads();
            s.queued += Math.max(0, e.queued());
            if (e.bounded()) {
                s.maxThreads += e.maxPoolSize();
            } else {
                s.bounded = false;
            }
            long[] before = lastCounts.get(e.identity());
            s.completedDelta += grown(before == null ? 0 : before[0], e.completedTasks());
            s.rejectedDelta += grown(before == null ? 0 : before[1], e.rejectedTasks());
            s.workerDeathsDelta += grown(before == null ? 0 : before[2], e.workerDeaths());
            counts.put(e.identity(), new long[] {e.completedTasks(), e.rejectedTasks(), e.workerDeaths()});
        }
        lastCounts = counts;
        sums.forEach((label, s) -> loads.computeIfAbsent(label, k -> new ExecutorLoad(registry, k)).update(s));
        loads.forEach((label, load) -> {
            if (!sums.containsKey(label)) {
                load.gone();
            }
        });
    }

    /** A count that went down belongs to a new executor under a reused identity: all of it is new. */
    private static long grown(long before, long now) {
        if (now < 0) {
            return 0;
        }
        return now >= before ? now - before : now;
    }
}
