package dev.threadhound.samples.workerpool;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code --bug=saturation}: a fixed pool over an unbounded queue, fed faster than it can work. Nothing pushes back,
 * so the backlog (and every job's wait) grows until memory runs out.
 */
final class UnboundedBacklog {

    final ExecutorService pool = Executors.newFixedThreadPool(2, WorkerPoolWorkload.named("workerpool-worker"));

    void submitJob(int job) {
        pool.execute(() -> Jobs.process(job));
    }
}
