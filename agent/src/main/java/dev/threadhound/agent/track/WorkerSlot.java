package dev.threadhound.agent.track;

/**
 * One pool worker's view of its pool: which pool, and the task it runs right now. Written only by the worker
 * itself (plain field: the detector loop reads a value that is at most a moment old, which is all a check of
 * stuck-for-seconds needs).
 */
public final class WorkerSlot {

    final ExecutorOrigin executor;
    Runnable task;
    RecordingProbe.Sample sample;
    long sampledStartNanos;
    long sampledWaitNanos;

    WorkerSlot(ExecutorOrigin executor) {
        this.executor = executor;
    }

    public ExecutorOrigin executor() {
        return executor;
    }

    public Runnable task() {
        return task;
    }
}
