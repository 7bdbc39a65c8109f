package dev.threadhound.samples.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Pushes many tasks through a pool from one thread, the way a busy service does, while keeping the backlog
 * bounded: an unbounded backlog of millions of queued tasks would make the figures about the garbage collector
 * instead of the executor.
 */
final class TaskFlood {

    /** Most tasks allowed to wait in a pool's queue before the submitter steps back. */
    private static final int MAX_BACKLOG = 4_096;
    private static final int CHECK_EVERY = 256;
    private static final long BACK_OFF_NANOS = 50_000;

    private TaskFlood() {
    }

    /** The pool of the issue: two workers and a {@link LinkedBlockingQueue}, named so its workers read well. */
    static ThreadPoolExecutor twoWorkerPool(String name) {
        return new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), named(name));
    }

    static ForkJoinPool twoWorkerForkJoinPool() {
        return new ForkJoinPool(2);
    }

    /** Hands {@code count} tasks made by {@code task} to {@code pool.execute}. */
    static void execute(ExecutorService pool, int count, IntFunction<Runnable> task) {
        for (int i = 0; i < count; i++) {
            if (i % CHECK_EVERY == 0) {
                awaitRoom(pool);
            }
            pool.execute(task.apply(i));
        }
    }

    /** Hands {@code count} tasks made by {@code task} to {@code pool.submit}, dropping the futures. */
    static void submit(ExecutorService pool, int count, IntFunction<Runnable> task) {
        for (int i = 0; i < count; i++) {
            if (i % CHECK_EVERY == 0) {
                awaitRoom(pool);
            }
            pool.submit(task.apply(i));
        }
    }

    /** Shuts the pool down and waits until every task it was given has run. */
    static void drain(ExecutorService pool) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("pool did not finish its tasks: " + pool);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void awaitRoom(ExecutorService pool) {
        while (backlog(pool) > MAX_BACKLOG) {
            // park rather than spin: a spinning submitter would take CPU the workers need on a small machine
            LockSupport.parkNanos(BACK_OFF_NANOS);
        }
    }

    private static long backlog(ExecutorService pool) {
        if (pool instanceof ThreadPoolExecutor tpe) {
            return tpe.getQueue().size();
        }
        if (pool instanceof ForkJoinPool fjp) {
            return fjp.getQueuedSubmissionCount();
        }
        return 0;
    }

    private static ThreadFactory named(String name) {
        AtomicInteger next = new AtomicInteger();
        return r -> new Thread(r, name + "-" + next.incrementAndGet());
    }
}
