package dev.threadhound.model;

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
 * @param idleSince       epoch millis since when it had no active and no queued task (0 = busy now)
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
        long idleSince) {

    public ExecutorRecord {
        createdAt = List.copyOf(createdAt);
        workerIds = List.copyOf(workerIds);
    }

    public boolean bounded() {
        return maxPoolSize > 0;
    }

    public ExecutorRecord withIdleSince(long millis) {
        return new ExecutorRecord(identity, name, kind, createdAt, createdAtMillis, shutdown, poolSize,
                activeThreads, maxPoolSize, queued, queueCapacity, completedTasks, rejectedTasks, workerIds, millis);
    }
}
