package dev.threadhound.samples.pipeline;

/** Holds the CPU, not a sleep: contention is about a lock held while working. */
final class Busy {

    private Busy() {
    }

    static void work(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }
}
