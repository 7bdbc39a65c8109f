package dev.threadhound.agent.bootstrap;

/**
 * What the instrumented JDK code reports. Implemented by the agent in its own class loader; only JDK types
 * cross this line, so the bootstrap loader can load it.
 */
public interface Probe {

    void threadStarting(Thread thread);

    void executorCreated(Object executor);

    void executorShutdown(Object executor);

    /** {@code submit}/{@code schedule}/{@code invoke} entry, with the task as the caller passed it. */
    void taskSubmitted(Object executor, Object task);

    /** {@code ThreadPoolExecutor.execute} entry: every task a pool queues passes here (submit() wraps, then executes). */
    void taskExecuted(Object executor, Runnable task);

    /** {@code ThreadPoolExecutor.beforeExecute}, on the worker. */
    void taskStarting(Object executor, Runnable task);

    /** {@code ThreadPoolExecutor.afterExecute}, on the worker. */
    void taskFinished(Object executor, Runnable task);

    void taskRejected(Object executor, Object task);

    /** A pool worker thread begins its loop ({@code ThreadPoolExecutor.runWorker}). */
    void workerStarted(Object executor, Thread worker);

    /** {@code Thread.dispatchUncaughtException}, on the dying thread: it ends by {@code error}. */
    void threadDied(Thread thread, Throwable error);

    /**
     * On the ending thread, after its task and any uncaught-exception handling: {@code Thread.exit} (platform threads,
     * called by the JVM) or the end of {@code VirtualThread.run(Runnable)}.
     */
    void threadEnded(Thread thread);

    /** {@code FutureTask.setException}: the task threw {@code error} (on the thread that ran it). */
    void taskFailed(Object task, Throwable error);

    /** {@code FutureTask.cancel}, before the future lets go of the work it wraps (on the cancelling thread). */
    void taskCancelled(Object task);

    /**
     * {@code VirtualThread.afterYield()} entry, on the carrier once the virtual thread unmounted: a park, a yield, a
     * block on a monitor, or (JDK 24 on) a wait in {@code Object.wait} begins, the last counted nowhere by the JDK.
     */
    void virtualThreadYielded(Thread thread);

    /**
     * {@code VirtualThread.unblock()} entry (JDK 24 on), on the JDK's unblocker thread: the virtual thread, blocked on
     * a monitor, may take it now. A block that the JDK counts nowhere ends.
     */
    void virtualThreadUnblocked(Thread thread);

    /**
     * A timed wait on an {@code AbstractQueuedSynchronizer} condition ({@code awaitNanos}, {@code await(time, unit)},
     * {@code awaitUntil}) returned before its time ran out, on the thread that waited: it was signalled. The JDK
     * counts the wait either way; a thread polling a queue that hands it items is not one polling for nothing.
     */
    void conditionSignalled();

    /** A leak check begins on this thread (a test): what it names must be this check's, not an earlier one's. */
    void checkStarting();
}
