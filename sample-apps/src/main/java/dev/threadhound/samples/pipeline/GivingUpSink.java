package dev.threadhound.samples.pipeline;

/**
 * {@code --bug=leak}: the sink fails on one item and returns, as a consumer does when an error makes it leave its
 * loop. Nobody receives from the transform stage any more, so it blocks forever in {@code put}: the goroutine leak
 * of a send nobody receives.
 */
final class GivingUpSink implements Runnable {

    private static final int FAILS_AT_ITEM = 20;

    private final Pipeline pipeline;

    GivingUpSink(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void run() {
        int taken = 0;
        while (pipeline.draining()) {
            try {
                if (pipeline.takeTransformed() != null && ++taken == FAILS_AT_ITEM) {
                    System.err.println("pipeline-sink: failed on item " + taken + ", giving up");
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
