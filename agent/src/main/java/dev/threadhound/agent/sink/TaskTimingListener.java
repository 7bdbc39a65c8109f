package dev.threadhound.agent.sink;

/**
 * Receives the timings of executor tasks the agent's probe sampled: how long a task waited in the queue and how
 * long it ran. Called on the application's worker threads, so an implementation must be cheap, lock-free and
 * never throw.
 */
public interface TaskTimingListener {

    /**
     * @param executor  the executor's name ({@link dev.threadhound.model.ExecutorRecord#name()})
     * @param waitNanos time from submission to start, or a negative value when unknown
     * @param runNanos  time from start to end, or a negative value when unknown
     */
    void taskTimed(String executor, long waitNanos, long runNanos);

    TaskTimingListener NONE = (executor, waitNanos, runNanos) -> { };
}
