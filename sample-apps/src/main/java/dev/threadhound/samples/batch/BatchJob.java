package dev.threadhound.samples.batch;

import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Processes items on a pool of the JDK's default (non-daemon) threads, prints progress from a {@link Timer} (a
 * non-daemon thread too) and runs a heartbeat thread that waits for beats. Each of the three keeps the JVM alive until
 * it is closed: {@code --bug=never-exits} is what forgetting {@link #close()} does.
 */
final class BatchJob implements AutoCloseable {

    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final Timer progress = new Timer("batch-progress");
    private final BlockingQueue<Long> beats = new LinkedBlockingQueue<>();
    private final Thread heartbeat = new Thread(this::heartbeat, "batch-heartbeat");
    private final AtomicLong processed = new AtomicLong();

    long process(Duration duration) throws InterruptedException {
        heartbeat.start();
        progress.schedule(new TimerTask() {
            @Override
            public void run() {
                beats.offer(processed.get());
            }
        }, 200, 500);
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            workers.submit(() -> processed.incrementAndGet());
            Thread.sleep(10);
        }
        return processed.get();
    }

    /** Waits for each beat: a thread that lives as long as the job. */
    private void heartbeat() {
        try {
            while (true) {
                beats.take();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    @Override
    public void close() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
        progress.cancel();
        heartbeat.interrupt();
        heartbeat.join(5_000);
    }
}
