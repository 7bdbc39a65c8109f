package dev.threadhound.samples.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * generate → transform → sink, each stage a thread of its own, joined by bounded queues; transform hands the work
 * to a bounded pool and waits for the result. The generator is rate-limited well below what the pool can do, so
 * the healthy pipeline is never saturated, and every stage stops when asked.
 */
final class Pipeline {

    static final int QUEUE_CAPACITY = 32;
    private static final long GENERATE_EVERY_MILLIS = 5;

    private final BlockingQueue<Integer> raw = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final BlockingQueue<Integer> transformed = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    final ThreadPoolExecutor workers = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(64), new NamedThreads("pipeline-worker"), new ThreadPoolExecutor.CallerRunsPolicy());
    private final List<Thread> stages = new ArrayList<>();
    private final AtomicLong delivered = new AtomicLong();
    /** Generate and transform run while this holds; the sink drains until {@link #draining} turns off after them. */
    private volatile boolean producing = true;
    private volatile boolean draining = true;

    /** Starts the stages; {@code sink} is the last stage's loop (a healthy one, or one that gives up). */
    void start(Runnable sink) {
        startStage("pipeline-generate", this::generate);
        startStage("pipeline-transform", this::transform);
        startStage("pipeline-sink", sink);
    }

    private void startStage(String name, Runnable body) {
        Thread stage = new Thread(body, name);
        stage.setDaemon(true);
        stage.start();
        stages.add(stage);
    }

    private void generate() {
        int item = 0;
        while (producing) {
            try {
                // A timed offer: at stop, transform may already be gone and the queue full.
                if (raw.offer(item, 100, TimeUnit.MILLISECONDS)) {
                    item++;
                }
                Thread.sleep(GENERATE_EVERY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void transform() {
        while (producing) {
            try {
                Integer item = raw.poll(100, TimeUnit.MILLISECONDS);
                if (item == null) {
                    continue;
                }
                Future<Integer> result = workers.submit(() -> Transforms.square(item));
                transformed.put(result.get(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                return;
            } catch (ExecutionException | TimeoutException e) {
                System.err.println("pipeline-transform: " + e);
            }
        }
    }

    /** The healthy sink: drains until the stages before it have stopped. */
    void sink() {
        while (draining) {
            try {
                if (transformed.poll(100, TimeUnit.MILLISECONDS) != null) {
                    delivered.incrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Takes one item, for a sink of another kind. */
    Integer takeTransformed() throws InterruptedException {
        Integer item = transformed.poll(100, TimeUnit.MILLISECONDS);
        if (item != null) {
            delivered.incrementAndGet();
        }
        return item;
    }

    boolean draining() {
        return draining;
    }

    long delivered() {
        return delivered.get();
    }

    /**
     * Stops in order, so no stage is left blocked on a queue: generate and transform first, while the sink still
     * drains what transform hands over; then the sink; then the pool. Every wait is timed.
     */
    void stop() throws InterruptedException {
        producing = false;
        for (Thread stage : stages.subList(0, stages.size() - 1)) {
            stage.join(1_000);
        }
        draining = false;
        stages.get(stages.size() - 1).join(1_000);
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
