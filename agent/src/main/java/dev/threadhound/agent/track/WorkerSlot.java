package dev.threadhound.agent.track;

import java.util.Queue;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * One pool worker's view of its pool: which pool, the task it runs right now, and when it last ended one with
 * nothing left in the queue (periodic runs aside). Written only by the worker
 * itself (plain field: the detector loop reads a value that is at most a moment old, which is all a check of
 * stuck-for-seconds needs).
 */
public final class WorkerSlot {

    private static final Set<Class<?>> CHEAP_TO_ASK = Set.of(LinkedBlockingQueue.class, SynchronousQueue.class,
            LinkedTransferQueue.class);

    final ExecutorOrigin executor;
    Runnable task;
    RecordingProbe.Sample sample;
    long sampledStartNanos;
    long sampledWaitNanos;
    /** Its pool's queue, read at each task's end; null to take the time of every end. */
    private final Queue<?> queue;
    /**
     * When this worker last ended a task with its pool's queue empty (epoch millis), 0 before: the last task a pool
     * ends leaves its queue empty, so the latest of its workers' is when the pool became idle, if it is. Only then:
     * a clock read at every end slowed empty tasks by a quarter.
     */
    private long taskEndedAt;
    /**
     * The last task of this worker's that was cancelled while it ran, with the class of its work: a cancelled
     * {@code FutureTask} clears the work it wraps, and a task that ignores the interrupt (one a time limiter gave up
     * on) keeps its worker, which would otherwise be stuck in a task named "FutureTask" submitted nowhere. Written by
     * the cancelling thread.
     */
    private volatile Cancelled cancelled;

    WorkerSlot(ExecutorOrigin executor, Queue<?> queue) {
        this.executor = executor;
        this.queue = queue;
    }

    /**
     * The pool's queue when it is one of the JDK's that say whether they are empty without a lock (the one
     * {@code newFixedThreadPool} and {@code newCachedThreadPool} make among them); null otherwise: an
     * {@code ArrayBlockingQueue} would take its lock, a queue of the application's might do anything.
     */
    static Queue<?> queueToWatch(Object executor) {
        if (!(executor instanceof ThreadPoolExecutor pool)) {
            return null;
        }
        try {
            Queue<?> queue = pool.getQueue();
            return CHEAP_TO_ASK.contains(queue.getClass()) ? queue : null;
        } catch (RuntimeException refused) {
            return null;
        }
    }

    /**
     * A periodic task's run is not work that keeps its pool from being idle: a scheduler made per call for one
     * periodic task (a metrics reader that exports every second, a reporter) and never shut down would never be idle
     * for {@code stuckAfter}, however many piled up. A worker that has ended only such runs has been idle since its
     * pool was made; one that ended other work since that ended it.
     */
    void taskEnded(Runnable task) {
        if (task instanceof RunnableScheduledFuture<?> scheduled && scheduled.isPeriodic()) {
            if (taskEndedAt == 0) {
                taskEndedAt = executor.createdAt();
            }
        } else if (queue == null || queue.isEmpty()) {
            taskEndedAt = System.currentTimeMillis();
        }
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
