package dev.threadhound.source.jfr;

import jdk.jfr.Recording;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A real JFR recording of this JVM while threads fight over a monitor ({@link Ledger}) and a ReentrantLock
 * ({@link Counter}), while a pool worker idles, a thread waits on a condition, another for a result of a library's
 * own kind ({@link OwnFuture}), a pool's workers queue up to leave it at shutdown, and Jetty's pool hands a job to
 * a reserved thread every few milliseconds, which waits for the next on a semaphore of its own (none of which is
 * contention).
 * Made once per test JVM: about 1.5 s.
 */
public final class RecordedContention {

    static final long HOLD_MILLIS = 20;
    static final int THREADS_PER_LOCK = 3;
    /** The workers of the pool shut down at the end: each waits for the pool's own lock to leave it. */
    static final Set<Long> RETIRED_WORKERS = ConcurrentHashMap.newKeySet();
    private static Path file;

    private RecordedContention() {
    }

    public static synchronized Path file() {
        if (file == null) {
            file = record();
        }
        return file;
    }

    /** Holds its monitor while it works. */
    public static final class Ledger {
        synchronized void post() {
            spin(HOLD_MILLIS);
        }
    }

    /** A result a library waits for its own way, as Guava's futures do: parked on itself until it is set. */
    public static final class OwnFuture {
        private volatile boolean done;

        void await() {
            while (!done) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(HOLD_MILLIS));
            }
        }

        void set() {
            done = true;
        }
    }

    /** Holds a ReentrantLock while it works. */
    public static final class Counter {
        private final ReentrantLock lock = new ReentrantLock();

        void increment() {
            lock.lock();
            try {
                spin(HOLD_MILLIS);
            } finally {
                lock.unlock();
            }
        }
    }

    private static Path record() {
        try (Recording recording = new Recording()) {
            for (String event : List.of(ContentionEvents.MONITOR_ENTER, ContentionEvents.THREAD_PARK)) {
                recording.enable(event).withThreshold(Duration.ofMillis(5)).withStackTrace();
            }
            recording.enable("jdk.ThreadDump");
            recording.start();
            run(Duration.ofMillis(1200));
            recording.stop();
            Path out = Files.createTempFile("contention", ".jfr");
            out.toFile().deleteOnExit();
            recording.dump(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void run(Duration duration) throws Exception {
        QueuedThreadPool jetty = new QueuedThreadPool(8, 2);
        jetty.setReservedThreads(2);
        jetty.setName("jetty-pool");
        jetty.start();
        Ledger ledger = new Ledger();
        Counter counter = new Counter();
        ExecutorService idlePool = Executors.newFixedThreadPool(1);
        idlePool.submit(() -> { });
        ReentrantLock signalLock = new ReentrantLock();
        Condition never = signalLock.newCondition();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS_PER_LOCK; i++) {
            threads.add(new Thread(() -> { while (System.nanoTime() < end) ledger.post(); }, "ledger-" + i));
            threads.add(new Thread(() -> { while (System.nanoTime() < end) counter.increment(); }, "counter-" + i));
        }
        ExecutorService retiring = Executors.newFixedThreadPool(THREADS_PER_LOCK, SlowToInterrupt::new);
        for (int i = 0; i < THREADS_PER_LOCK; i++) {
            retiring.submit(() -> RETIRED_WORKERS.add(Thread.currentThread().getId()));
        }
        Thread waiter = new Thread(() -> {
            signalLock.lock();
            try {
                never.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                // ends the wait
            } finally {
                signalLock.unlock();
            }
        }, "condition-waiter");
        threads.add(waiter);
        OwnFuture result = new OwnFuture();
        threads.add(new Thread(result::await, "result-waiter"));
        threads.forEach(Thread::start);
        long jobsEnd = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < jobsEnd) {
            if (!jetty.tryExecute(() -> { })) {
                // no reserved thread free yet: the pool reserves one
                jetty.execute(() -> { });
            }
            Thread.sleep(3 * HOLD_MILLIS);
        }
        result.set();
        for (Thread t : threads) {
            t.join();
        }
        idlePool.shutdownNow();
        jetty.stop();
        retiring.shutdown();
        retiring.awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * A worker that takes a while to interrupt: {@code shutdown()} interrupts the idle workers one by one holding the
     * pool's lock, so each worker woken early waits for that lock in {@code processWorkerExit} until the last is
     * interrupted, the way sixty-four workers of a pool leaving at once on a busy machine do.
     */
    private static final class SlowToInterrupt extends Thread {
        SlowToInterrupt(Runnable worker) {
            super(worker, "retiring-worker");
        }

        @Override
        public void interrupt() {
            if (Thread.currentThread() != this) {
                spin(HOLD_MILLIS);
            }
            super.interrupt();
        }
    }

    static void spin(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
