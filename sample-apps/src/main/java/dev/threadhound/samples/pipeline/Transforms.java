package dev.threadhound.samples.pipeline;

/** The pipeline's unit of work: about a millisecond of arithmetic. */
final class Transforms {

    private Transforms() {
    }

    static int square(int item) {
        long end = System.nanoTime() + 1_000_000;
        long x = item;
        while (System.nanoTime() < end) {
            x = (x * 31 + 7) % 1_000_003;
        }
        return (int) (item * (long) item % 1_000_003 + (x & 1));
    }
}
