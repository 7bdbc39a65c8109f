package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.JdkFields;

import java.lang.reflect.Field;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * What a thread waiting for another thread or for an executor to end parks on, read out of the JDK's objects, so that
 * the detectors can name who waits for what is stuck: the {@code close()} of a
 * {@code newVirtualThreadPerTaskExecutor()} waiting for a task that never returns, a {@code join()} of a virtual
 * thread. Null where the JDK keeps none, or this JDK keeps it elsewhere.
 */
final class EndSignals {

    /** The latch a virtual thread counts down as it ends, made by the first {@code join()} of it. */
    private static final Field VIRTUAL_TERMINATION = JdkFields.field(JdkFields.type("java.lang.VirtualThread"),
            "termination");
    /** The thread container a thread was started in: a thread-per-task executor is one. */
    private static final Field CONTAINER = JdkFields.field(Thread.class, "container");
    private static final Class<?> THREAD_PER_TASK = JdkFields.type("java.util.concurrent.ThreadPerTaskExecutor");
    private static final Field TERMINATION_SIGNAL = JdkFields.field(THREAD_PER_TASK, "terminationSignal");
    private static final Field POOL_TERMINATION = JdkFields.field(ThreadPoolExecutor.class, "termination");
    /** A condition up to JDK 18; from JDK 19 on a latch made by the first wait for the pool to terminate. */
    private static final Field FORK_JOIN_TERMINATION = JdkFields.field(ForkJoinPool.class, "termination");
    private static final Field LATCH_SYNC = JdkFields.field(CountDownLatch.class, "sync");

    private EndSignals() {
    }

    /**
     * What a thread waiting for the virtual thread {@code t} to end parks on: the lock of the latch a {@code join()}
     * waits on, which the first join makes; else, nobody joining it, the lock of the latch the {@code close()} (or
     * {@code awaitTermination}) of the thread-per-task executor it runs in waits on, which opens once all its threads
     * have ended ({@code try (var executor = Executors.newVirtualThreadPerTaskExecutor())}).
     */
    static Object ofVirtualThread(Thread t) {
        Object latch = VIRTUAL_TERMINATION == null ? null : JdkFields.get(VIRTUAL_TERMINATION, t);
        if (latch == null && CONTAINER != null) {
            latch = terminationSignal(JdkFields.get(CONTAINER, t));
        }
        return syncOf(latch);
    }

    /**
     * What a thread waiting for {@code executor} to terminate ({@code awaitTermination}, {@code close()}) parks on: a
     * pool's termination condition, a fork-join pool's condition or latch's lock, a thread-per-task executor's latch's
     * lock; null when there is none yet (a fork-join pool makes its latch for the first wait).
     */
    static Object ofExecutor(Object executor) {
        if (executor instanceof ThreadPoolExecutor && POOL_TERMINATION != null) {
            return JdkFields.get(POOL_TERMINATION, executor);
        }
        if (executor instanceof ForkJoinPool && FORK_JOIN_TERMINATION != null) {
            Object termination = JdkFields.get(FORK_JOIN_TERMINATION, executor);
            return termination instanceof CountDownLatch ? syncOf(termination) : termination;
        }
        return syncOf(terminationSignal(executor));
    }

    private static Object terminationSignal(Object executor) {
        return executor != null && executor.getClass() == THREAD_PER_TASK && TERMINATION_SIGNAL != null
                ? JdkFields.get(TERMINATION_SIGNAL, executor) : null;
    }

    private static Object syncOf(Object latch) {
        return latch == null || LATCH_SYNC == null ? null : JdkFields.get(LATCH_SYNC, latch);
    }
}
