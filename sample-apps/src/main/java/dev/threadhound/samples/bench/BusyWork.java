package dev.threadhound.samples.bench;

/**
 * A task body of a chosen size: a chain of dependent arithmetic the JIT cannot fold, sized by iterations that
 * are calibrated once per JVM rather than timed per task (one {@code System.nanoTime()} costs about as much as
 * the empty task being measured).
 */
final class BusyWork {

    private static final int CALIBRATION_ITERATIONS = 2_000_000;

    private BusyWork() {
    }

    /** A xorshift chain: each step needs the one before, so the loop cannot be vectorised or skipped. */
    static long spin(long seed, int iterations) {
        long x = seed | 1;
        for (int i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** Iterations of {@link #spin} that take about {@code nanos} on this machine, from the fastest of several runs. */
    static int iterationsFor(long nanos) {
        double fastest = Double.MAX_VALUE;
        long sink = 0;
        for (int run = 0; run < 30; run++) {
            long start = System.nanoTime();
            sink += spin(run, CALIBRATION_ITERATIONS);
            fastest = Math.min(fastest, (System.nanoTime() - start) / (double) CALIBRATION_ITERATIONS);
        }
        if (sink == 42) {
            System.out.print("");
        }
        return (int) Math.max(1, Math.round(nanos / fastest));
    }
}
