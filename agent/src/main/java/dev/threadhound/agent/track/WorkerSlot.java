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
    /** When this worker last ended a task (epoch millis), 0 before its first: since when it has been idle, if it is. */
    long taskEndedAt;
    /**
     * The last task of this worker's that was cancelled while it ran, with the class of its work: a cancelled
     * {@code FutureTask} clears the work it wraps, and a task that ignores the interrupt (one a time limiter gave up
     * on) keeps its worker, which would otherwise be stuck in a task named "FutureTask" submitted nowhere. Written by
     * the cancelling thread.
     */
    private volatile Cancelled cancelled;

    WorkerSlot(ExecutorOrigin executor) {
        this.executor = executor;
    }

    public ExecutorOrigin executor() {
        return executor;
    }

    public Runnable task() {
        return task;
    }

    public long taskEndedAt() {
        return taskEndedAt;
    }

    void cancelled(Object task, Class<?> work) {
        cancelled = new Cancelled(task, work);
    }

    /** The class of the work {@code task} wrapped when it was cancelled while it ran here; null when it was not. */
    public Class<?> cancelledWork(Object task) {
        Cancelled last = cancelled;
        return last != null && last.task == task ? last.work : null;
    }

    private record Cancelled(Object task, Class<?> work) {
    }
}
