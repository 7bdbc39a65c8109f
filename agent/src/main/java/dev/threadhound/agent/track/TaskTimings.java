package dev.threadhound.agent.track;

/** Receives the queue wait and run time of sampled pool tasks (a sink turns them into histograms). */
@FunctionalInterface
public interface TaskTimings {

    TaskTimings NONE = (executor, waitNanos, runNanos) -> { };

    void record(ExecutorOrigin executor, long waitNanos, long runNanos);
}
