package dev.threadhound.samples.junit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** What fixtures leak on purpose, ended by the test that ran them: this suite runs with the leak check too. */
final class Leftovers {

    private static final List<Thread> THREADS = new CopyOnWriteArrayList<>();
    private static final List<ExecutorService> EXECUTORS = new CopyOnWriteArrayList<>();
    private static volatile CountDownLatch release = new CountDownLatch(1);

    private Leftovers() {
    }

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
