package dev.threadhound.samples.pipeline;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * {@code --bug=drain-wait}: before it rotates the pipeline's log, the rotator waits for the upload outbox to drain
 * with {@code Thread.sleep(200)} in a loop. The uploader gives up at its first failed upload and nobody takes from
 * the outbox again, so the rotator stays in {@link #awaitDrained} for good, waking five times a second to look at a
 * queue nobody empties.
 */
final class LogRotator {

    private final BlockingQueue<String> outbox = new LinkedBlockingQueue<>();

    void start() {
        PipelineWorkload.daemon("pipeline-uploader", this::upload);
        PipelineWorkload.daemon("pipeline-rotator", this::rotate);
    }

    /** The bug: one failed upload ends the uploader, and nothing tells the rotator. */
    private void upload() {
        try {
            String segment = outbox.take();
            System.out.println("pipeline-uploader: upload of " + segment + " refused; giving up");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void rotate() {
        for (int segment = 1; segment <= 3; segment++) {
            outbox.add("segment-" + segment);
        }
        awaitDrained();
        System.out.println("pipeline-rotator: log rotated");
    }

    private void awaitDrained() {
        try {
            while (!outbox.isEmpty()) {
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
