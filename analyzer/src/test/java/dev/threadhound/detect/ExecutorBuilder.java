package dev.threadhound.detect;

import dev.threadhound.model.ExecutorKind;
import dev.threadhound.model.ExecutorRecord;

import java.util.List;

/** Builds an {@link ExecutorRecord}: an idle, unbounded thread pool unless told otherwise. */
final class ExecutorBuilder {

    private final String name;
    private String identity;
    private ExecutorKind kind = ExecutorKind.THREAD_POOL;
    private List<String> createdAt = List.of();
    private long createdAtMillis;
    private boolean shutdown;
    private int poolSize;
    private int active;
    private int max = -1;
    private int queued;
    private int queueCapacity = -1;
    private List<Long> workers = List.of();
    private long idleSince;
    private long saturatedSince;
    private int queuedAtSaturation;
    private long createdBy = -1;
    private String termination;

    private ExecutorBuilder(String name) {
        this.name = name;
        this.identity = "java.util.concurrent.ThreadPoolExecutor@" + Integer.toHexString(name.hashCode());
    }

    static ExecutorBuilder executor(String name) {
        return new ExecutorBuilder(name);
    }

    ExecutorBuilder identity(String value) { this.identity = value; return this; }
    ExecutorBuilder kind(ExecutorKind value) { this.kind = value; return this; }
    ExecutorBuilder createdAt(List<String> frames) { this.createdAt = frames; return this; }
    ExecutorBuilder createdAt(String... frames) { return createdAt(List.of(frames)); }
    ExecutorBuilder createdAtMillis(long value) { this.createdAtMillis = value; return this; }
    ExecutorBuilder shutdown() { this.shutdown = true; return this; }
    ExecutorBuilder createdBy(long thread) { this.createdBy = thread; return this; }
    ExecutorBuilder termination(String identity) { this.termination = identity; return this; }
    ExecutorBuilder queueCapacity(int value) { this.queueCapacity = value; return this; }
    ExecutorBuilder idleSince(long value) { this.idleSince = value; return this; }
    ExecutorBuilder saturated(long since, int queuedAtStart) {
        this.saturatedSince = since;
        this.queuedAtSaturation = queuedAtStart;
        return this;
    }

    /** A pool of {@code max} workers (the given ids), {@code active} of them busy and {@code queued} tasks waiting. */
    ExecutorBuilder bounded(int max, int active, int queued, Long... workerIds) {
        this.max = max;
        this.active = active;
        this.queued = queued;
        this.workers = List.of(workerIds);
        this.poolSize = workerIds.length;
        return this;
    }

    ExecutorBuilder workers(Long... ids) {
        this.workers = List.of(ids);
        this.poolSize = ids.length;
        return this;
    }

    ExecutorRecord build() {
        return new ExecutorRecord(identity, name, kind, createdAt, createdAtMillis, shutdown, poolSize, active, max,
                queued, queueCapacity, 0, 0, workers, createdBy, idleSince, saturatedSince, queuedAtSaturation, 0,
                termination);
    }
}
