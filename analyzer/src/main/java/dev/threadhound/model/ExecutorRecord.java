package dev.threadhound.model;

import java.io.Serializable;
import java.util.List;

/**
 * An executor the JVM holds: its identity, where it was created, and its load at snapshot time.
 *
 * @param identity        {@code Class@hex}, unique while the executor lives
 * @param name            stable readable name: thread-name prefix when it has one, else the creation site
 * @param createdAt       frames of the creation site, empty when unknown
 * @param createdAtMillis epoch millis of creation, 0 when unknown
 * @param maxPoolSize     upper bound on workers, or -1 when unbounded
 * @param queueCapacity   remaining plus used queue slots, or -1 when unbounded
 * @param workerIds       ids of the platform threads that work for it
 * @param createdBy       id of the thread that created it, -1 when unknown
 * @param idleSince       epoch millis since when it had no active and no queued task (0 = busy now)
 * @param saturatedSince  epoch millis since when every worker has been busy with tasks queued (0 = not saturated)
 * @param queuedAtSaturation queue length when the current saturation began
 * @param workerDeaths    workers that ended by an uncaught exception since the executor was created (the pool
 *                        replaces them; counted here rather than reported one by one)
 * @param terminationIdentity what a thread waiting for the executor to terminate ({@code awaitTermination},
 *                        {@code close()}) shows as {@code blockedOn} ({@code Class@hex}), or null when unknown
 */
public record ExecutorRecord(
        String identity,
        String name,
        ExecutorKind kind,
        List<String> createdAt,
        long createdAtMillis,
        boolean shutdown,
        int poolSize,
        int activeThreads,
        int maxPoolSize,
        int queued,
        int queueCapacity,
        long completedTasks,
        long rejectedTasks,
        List<Long> workerIds,
        long createdBy,
        long idleSince,
        long saturatedSince,
        int queuedAtSaturation,
        long workerDeaths,
        String terminationIdentity) implements Serializable {

    public ExecutorRecord {
        createdAt = List.copyOf(createdAt);
        workerIds = List.copyOf(workerIds);
    }

    /** An executor whose termination the source does not know how to wait for. */
    public ExecutorRecord(String identity, String name, ExecutorKind kind, List<String> createdAt, long createdAtMillis,
                          boolean shutdown, int poolSize, int activeThreads, int maxPoolSize, int queued,
                          int queueCapacity, long completedTasks, long rejectedTasks, List<Long> workerIds,
                          long createdBy, long idleSince, long saturatedSince, int queuedAtSaturation,
                          long workerDeaths) {
        this(identity, name, kind, createdAt, createdAtMillis, shutdown, poolSize, activeThreads, maxPoolSize, queued,
                queueCapacity, completedTasks, rejectedTasks, workerIds, createdBy, idleSince, saturatedSince,
                queuedAtSaturation, workerDeaths, null);
    }

    /** An executor whose workers' deaths the source does not count. */
    public ExecutorRecord(String identity, String name, ExecutorKind kind, List<String> createdAt, long createdAtMillis,
                          boolean shutdown, int poolSize, int activeThreads, int maxPoolSize, int queued,
                          int queueCapacity, long completedTasks, long rejectedTasks, List<Long> workerIds,
                          long createdBy, long idleSince, long saturatedSince, int queuedAtSaturation) {
        this(identity, name, kind, createdAt, createdAtMillis, shutdown, poolSize, activeThreads, maxPoolSize, queued,
                queueCapacity, completedTasks, rejectedTasks, workerIds, createdBy, idleSince, saturatedSince,
                queuedAtSaturation, 0);
    }

    public boolean bounded() {
        return maxPoolSize > 0;
    }

    /**
     * Every worker busy and work waiting: the state in which a bounded pool's queue can only grow. A pool at its
     * full size with work queued counts even when one worker was caught between two tasks (not active at that
     * instant): one such read reset a saturation of seconds. Not when more are idle: on a crowded machine the idle
     * workers of a large pool, woken for the work just queued, may not have run yet (a healthy pool of 64 with one
     * task running and two queued, seen so at three cycles in a row, was reported).
     */
    public boolean saturatedNow() {
        return bounded() && queued > 0
                && (activeThreads >= maxPoolSize || poolSize >= maxPoolSize && activeThreads >= maxPoolSize - 1);
    }

    public ExecutorRecord withProgress(long idle, long saturated, int queuedAtStart) {
        return new ExecutorRecord(identity, name, kind, createdAt, createdAtMillis, shutdown, poolSize,
                activeThreads, maxPoolSize, queued, queueCapacity, completedTasks, rejectedTasks, workerIds,
                createdBy, idle, saturated, queuedAtStart, workerDeaths, terminationIdentity);
    }
}
