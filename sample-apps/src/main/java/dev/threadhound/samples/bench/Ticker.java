package dev.threadhound.samples.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An application thread that wants to run every 10 ms, as a timer or a heartbeat would: how late it wakes up is
 * how long something (a pause of the JVM, a busy CPU) kept it from running.
 */
final class Ticker implements Runnable {

    private static final long PERIOD_NANOS = 10_000_000;

    private final AtomicLong worstNanos = new AtomicLong();
    private final AtomicInteger over5ms = new AtomicInteger();

    private Ticker() {
    }

    static Ticker start() {
        Ticker ticker = new Ticker();
        Thread thread = new Thread(ticker, "bench-ticker");
        thread.setDaemon(true);
        thread.start();
        return ticker;
    }

    @Override
    public void run() {
        long next = System.nanoTime() + PERIOD_NANOS;
        while (true) {
            long now;
            while ((now = System.nanoTime()) < next) {
                LockSupport.parkNanos(next - now);
            }
            long late = now - next;
            worstNanos.accumulateAndGet(late, Math::max);
            if (late > 5_000_000) {
                over5ms.incrementAndGet();
            }
            // a late tick does not make the next ones late: the schedule stays fixed, as a timer's does
            next += PERIOD_NANOS * (1 + late / PERIOD_NANOS);
        }
    }

    void reset() {
        worstNanos.set(0);
        over5ms.set(0);
    }

    /** The latest wake-up since the last reset, in milliseconds. */
    double worstMillis() {
        return worstNanos.get() / 1e6;
    }

    /** Wake-ups more than 5 ms late since the last reset. */
    int lateOver5ms() {
        return over5ms.get();
    }
}
