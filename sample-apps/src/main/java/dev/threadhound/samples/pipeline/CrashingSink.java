package dev.threadhound.samples.pipeline;

import java.util.Map;

/**
 * {@code --bug=dead-consumer}: the sink labels items from a lookup table that knows only item 0, so the first item
 * it labels kills it with a {@code NullPointerException}, uncaught. Nobody receives from the transform stage any
 * more, so it blocks forever in {@code put}: a hang whose cause is a thread that is gone.
 */
final class CrashingSink implements Runnable {

    /**
     * The sink starts labelling after a while, late enough that the agent has seen it waiting for items many times
     * (also on a loaded machine, where a JVM among twelve starting at once had its first looks after five seconds)
     * before the first item without a label kills it. Until then it is a healthy consumer polling through a helper
     * ({@link Pipeline#takeTransformed}), handed an item by nearly every wait: no polling loop.
     */
    static final long LABELS_AFTER_MILLIS = 10_000;

    private final Pipeline pipeline;
    private final Map<Integer, String> labels = Map.of(0, "zero");

    CrashingSink(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    @Override
    public void run() {
        long labelsFrom = System.currentTimeMillis() + LABELS_AFTER_MILLIS;
        while (pipeline.draining()) {
            try {
                Integer item = pipeline.takeTransformed();
                if (item != null && System.currentTimeMillis() >= labelsFrom) {
                    System.out.println("pipeline-sink: " + label(item).trim());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private String label(Integer item) {
        return labels.get(item);
    }
}
