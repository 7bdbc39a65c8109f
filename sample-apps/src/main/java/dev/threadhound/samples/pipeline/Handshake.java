package dev.threadhound.samples.pipeline;

/**
 * {@code --bug=polling-wait}: two stages must both be ready before either starts, and each polls for the other
 * with {@code wait(1000)} in a loop. Each marks itself ready only once its partner is, so neither ever is: both
 * stay {@code TIMED_WAITING} in {@link #awaitPartner} for good, waking every second to look at a flag nobody sets.
 */
final class Handshake {

    private final Object lock = new Object();
    private boolean transformReady;
    private boolean sinkReady;

    void start() {
        PipelineWorkload.daemon("pipeline-handshake-transform", this::transformSide);
        PipelineWorkload.daemon("pipeline-handshake-sink", this::sinkSide);
    }

    private void transformSide() {
        awaitPartner(true);
    }

    private void sinkSide() {
        awaitPartner(false);
    }

    /** The bug: each side waits for the other before it says it is ready itself. */
    private void awaitPartner(boolean transform) {
        synchronized (lock) {
            try {
                while (!(transform ? sinkReady : transformReady)) {
                    lock.wait(1_000);
                }
                if (transform) {
                    transformReady = true;
                } else {
                    sinkReady = true;
                }
                lock.notifyAll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
