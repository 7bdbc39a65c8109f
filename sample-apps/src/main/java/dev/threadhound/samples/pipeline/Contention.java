package dev.threadhound.samples.pipeline;

/** Starts the threads of {@code --bug=contention}: four on the hot monitor, four on the hot lock. */
final class Contention {

    private static final int THREADS_PER_LOCK = 4;

    private Contention() {
    }

    static void start(long endMillis) {
        HotMonitor monitor = new HotMonitor();
        HotLock lock = new HotLock();
        for (int i = 1; i <= THREADS_PER_LOCK; i++) {
            PipelineWorkload.daemon("contention-monitor-" + i, () -> {
                while (System.currentTimeMillis() < endMillis) {
                    monitor.increment();
                }
            });
            PipelineWorkload.daemon("contention-lock-" + i, () -> {
                while (System.currentTimeMillis() < endMillis) {
                    lock.update();
                }
            });
        }
    }
}
