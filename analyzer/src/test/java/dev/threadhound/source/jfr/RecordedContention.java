package dev.threadhound.source.jfr;

import jdk.jfr.Recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A real JFR recording of this JVM while threads fight over a monitor ({@link Ledger}) and a ReentrantLock
 * ({@link Counter}), while a pool worker idles and a thread waits on a condition (neither is contention). Made once
 * per test JVM: about 1.5 s.
 */
public final class RecordedContention {

    static final long HOLD_MILLIS = 20;
    static final int THREADS_PER_LOCK = 3;
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
        }
    }

    private static void run(Duration duration) throws InterruptedException {
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
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        idlePool.shutdownNow();
    }

    static void spin(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
