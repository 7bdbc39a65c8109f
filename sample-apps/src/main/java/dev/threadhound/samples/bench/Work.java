package dev.threadhound.samples.bench;

/**
 * One benchmark task: a new object per submission, as an application's tasks are. Its result is stored in the
 * task itself, which the pool has seen, so the JIT cannot drop the work.
 */
final class Work implements Runnable {

    private final int iterations;
    private final int seed;
    long result;

    Work(int iterations, int seed) {
        this.iterations = iterations;
        this.seed = seed;
    }

    @Override
    public void run() {
        if (iterations > 0) {
            result = BusyWork.spin(seed, iterations);
        }
    }
}
