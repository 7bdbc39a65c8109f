package dev.threadhound.samples.e2e;

import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads (JDK 21+) that take turns at monitors and locks, each healthy: a worker enters a monitor every
 * millisecond while a flusher holds it 300 ms at a time (after 3 s of none, the first two times 1.5 s), so the worker is found blocked at the
 * same line on the same monitor at nearly every look, though it gets the monitor after each flush; and two writers take turns at a
 * {@code StampedLock}, each holding it 200 ms. Each waits for the other's turn before it asks again. From JDK 24 on a virtual thread blocked on a monitor lets its carrier
 * go, and the JDK counts neither its blocks nor its waits for a lock. Runs 10 s.
 */
public final class MonitorTurns {

    private static final Object LEDGER = new Object();
    /**
     * The flusher lets the worker in freely for its first seconds, late enough for the agent's first looks also on a
     * crowded machine; then its first flushes are slow (a cold cache): the worker's first block, which the agent looks
     * at, lasts 1.5 s, and its second block outlasts two seconds from those looks, each block shorter than that.
     */
    private static final long QUIET_START_MILLIS = 3_000;
    private static final int SLOW_FLUSHES = 2;
    private static volatile long entries;

    private MonitorTurns() {
    }

    public static void main(String[] args) throws Exception {
        long end = System.nanoTime() + 10_000_000_000L;
        Thread flusher = virtual("ledger-flusher").newThread(() -> {
            pause(QUIET_START_MILLIS);
            int flushes = 0;
            while (System.nanoTime() < end) {
                synchronized (LEDGER) {
                    pause(flushes++ < SLOW_FLUSHES ? 1_500 : 300);
                }
                // neither a monitor nor a StampedLock is fair: whoever asks first when it is free takes it, and on a
                // crowded machine the one that just let it go could keep it. Each waits for the other's turn
                long seen = entries;
                while (entries == seen && System.nanoTime() < end) {
                    pause(1);
                }
            }
        });
        Thread worker = virtual("ledger-worker").newThread(() -> {
            while (System.nanoTime() < end) {
                synchronized (LEDGER) {
                    entries = entries + 1;
                }
                // a worker spinning on the monitor kept a carrier busy for good: on a crowded machine the two
                // carriers were found busy, with tasks queued, for 3 s (POOL_SATURATED of the virtual-thread scheduler)
                pause(1);
            }
        });
        java.util.concurrent.locks.StampedLock lock = new java.util.concurrent.locks.StampedLock();
        java.util.concurrent.atomic.AtomicLong turns = new java.util.concurrent.atomic.AtomicLong();
        Thread[] writers = new Thread[2];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = virtual("stamped-writer-" + i).newThread(() -> {
                while (System.nanoTime() < end) {
                    long stamp = lock.writeLock();
                    long turn;
                    try {
                        pause(200);
                        turn = turns.incrementAndGet();
                    } finally {
                        lock.unlockWrite(stamp);
                    }
                    while (turns.get() == turn && System.nanoTime() < end) {
                        pause(1);
                    }
                }
            });
        }
        flusher.start();
        worker.start();
        for (Thread w : writers) {
            w.start();
        }
        flusher.join();
        worker.join();
        for (Thread w : writers) {
            w.join();
        }
        synchronized (LEDGER) {
            System.out.println("monitor-turns: " + entries + " entries; done");
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory virtual(String name) throws ReflectiveOperationException {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        builder = Class.forName("java.lang.Thread$Builder").getMethod("name", String.class).invoke(builder, name);
        return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
    }
}
