package dev.threadhound.junit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What fixtures leak on purpose, kept so the test that ran them can end it afterwards: the suite itself runs
 * with the leak check on, and a fixture's thread must not outlive the test that asserted on it.
 */
final class Leftovers {

    private static final List<Thread> THREADS = new CopyOnWriteArrayList<>();
    private static final List<ExecutorService> EXECUTORS = new CopyOnWriteArrayList<>();
    static final CountDownLatch NEVER = new CountDownLatch(1);
    private static volatile CountDownLatch release = new CountDownLatch(1);

    private Leftovers() {
    }

    /** A daemon thread that waits until {@link #clear()}: the classic leak. */
    static Thread park(String name) {
        return start(name, Leftovers::awaitRelease);
    }

    static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        THREADS.add(t);
        t.start();
        return t;
    }

    /** A thread the fixture started itself, so that its creation site is the fixture's. */
    static Thread keep(Thread thread) {
        THREADS.add(thread);
        return thread;
    }

    static <E extends ExecutorService> E keep(E executor) {
        EXECUTORS.add(executor);
        return executor;
    }

    static void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until {@link #clear()} and shrugs off interrupts: a thread no test can stop. */
    static void awaitReleaseIgnoringInterrupts() {
        CountDownLatch mine = release;
        while (mine.getCount() > 0) {
            try {
                mine.await();
            } catch (InterruptedException ignored) {
                // on purpose: this thread ends only when released
            }
        }
    }

    /** Ends everything leaked; threads blocked for good on a lock are interrupted (they wait interruptibly). */
    static void clear() throws InterruptedException {
        release.countDown();
        EXECUTORS.forEach(ExecutorService::shutdownNow);
        for (ExecutorService e : EXECUTORS) {
            e.awaitTermination(5, TimeUnit.SECONDS);
        }
        THREADS.forEach(Thread::interrupt);
        for (Thread t : THREADS) {
            t.join(5_000);
        }
        THREADS.clear();
        EXECUTORS.clear();
        release = new CountDownLatch(1);
    }
}
