package dev.threadhound.samples.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What {@link LockOrderCost} runs in each JVM it starts:
 * <ul>
 * <li>{@code nested}: uncontended acquire/release on one thread, after a warm-up: an outer and an inner monitor
 *     ({@code synchronized} blocks), an outer and an inner {@code ReentrantLock}, a monitor alone, and a synchronized
 *     method called inside a synchronized block. Prints {@code result <shape> <ns per acquisition>} per shape, the
 *     median of the measured rounds. Each iteration is a call the JIT may not inline (the driver says so), so that
 *     no configuration gets its locks coarsened across iterations;</li>
 * <li>{@code churn <count>}: {@code count} short-lived lock objects, each taken inside one long-lived monitor (a new
 *     lock-order edge every time), then the heap in use after GC before and after, once the agent's detector loop has
 *     had two cycles to drop what died: {@code churn locks=<n> seconds=<s> heap before=<b> after=<a> retained=<r>}.</li>
 * </ul>
 */
public final class LockOrderWorkload {

    private static final int ITERATIONS = 2_000_000;
    private static final int WARM_UP_ROUNDS = 8;
    private static final int ROUNDS = 15;

    private static final Object OUTER = new Object();
    private static final Object INNER = new Object();
    private static final ReentrantLock OUTER_LOCK = new ReentrantLock();
    private static final ReentrantLock INNER_LOCK = new ReentrantLock();
    private static final Counter COUNTER = new Counter();
    private static long sink;

    /** A synchronized method on an object of its own. */
    static final class Counter {
        private long value;

        synchronized void increment() {
            value++;
        }
    }

    private LockOrderWorkload() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "nested" -> nested();
            case "churn" -> churn(Long.parseLong(args[1]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0] + "; allowed: nested, churn <count>");
        }
    }

    private static void nested() {
        String[] shapes = {"monitor", "lock", "single", "method"};
        List<List<Double>> times = new ArrayList<>();
        for (String ignored : shapes) {
            times.add(new ArrayList<>());
        }
        for (int round = 0; round < WARM_UP_ROUNDS + ROUNDS; round++) {
            for (int s = 0; s < shapes.length; s++) {
                double ns = perAcquisition(shapes[s]);
                if (round >= WARM_UP_ROUNDS) {
                    times.get(s).add(ns);
                }
            }
        }
        for (int s = 0; s < shapes.length; s++) {
            System.out.printf(Locale.ROOT, "result %s %.2f%n", shapes[s], median(times.get(s)));
        }
        System.out.println(sink == 42 ? "!" : "");
    }

    private static double perAcquisition(String shape) {
        long start = System.nanoTime();
        switch (shape) {
            case "monitor" -> {
                for (int i = 0; i < ITERATIONS; i++) {
                    monitors();
                }
            }
            case "lock" -> {
                for (int i = 0; i < ITERATIONS; i++) {
                    locks();
                }
            }
            case "single" -> {
                for (int i = 0; i < ITERATIONS; i++) {
                    single();
                }
            }
            default -> {
                for (int i = 0; i < ITERATIONS; i++) {
                    method();
                }
            }
        }
        long elapsed = System.nanoTime() - start;
        return (double) elapsed / ITERATIONS / (shape.equals("single") ? 1 : 2);
    }

    static void monitors() {
        synchronized (OUTER) {
            synchronized (INNER) {
                sink++;
            }
        }
    }

    static void locks() {
        OUTER_LOCK.lock();
        try {
            INNER_LOCK.lock();
            try {
                sink++;
            } finally {
                INNER_LOCK.unlock();
            }
        } finally {
            OUTER_LOCK.unlock();
        }
    }

    static void single() {
        synchronized (OUTER) {
            sink++;
        }
    }

    static void method() {
        synchronized (OUTER) {
            COUNTER.increment();
        }
    }

    private static void churn(long count) throws InterruptedException {
        Object outer = new Object();
        for (int i = 0; i < 100_000; i++) {
            takeInside(outer, new Object());
        }
        long before = Retention.settledUsedAfterGc();
        long start = System.nanoTime();
        for (long i = 0; i < count; i++) {
            takeInside(outer, new Object());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        // Two detector cycles (1 s each by default) expunge the locks that died.
        Thread.sleep(2_500);
        long after = Retention.usedAfterGc();
        System.out.printf(Locale.ROOT, "churn locks=%d seconds=%.2f heap before=%d after=%d retained=%d%n", count,
                seconds, before, after, after - before);
    }

    private static void takeInside(Object outer, Object lock) {
        synchronized (outer) {
            synchronized (lock) {
                sink++;
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
