package dev.threadhound.samples.workerpool;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * {@code --bug=ignored-cancellation}: at shutdown the pool is stopped with {@code shutdownNow}, but one job swallows
 * the interrupt and goes back to waiting for input that will never come. The pool is shut down; its worker never
 * ends.
 */
final class UninterruptibleJob {

    final ExecutorService pool = Executors.newFixedThreadPool(2, WorkerPoolWorkload.named("workerpool-listener"));
    private final LinkedBlockingQueue<String> input = new LinkedBlockingQueue<>();

    void submitListener() {
        pool.execute(this::listen);
    }

    private void listen() {
        while (true) {
            try {
                input.take();
            } catch (InterruptedException swallowed) {
                // the bug: cancellation is ignored, the loop goes on
            }
        }
    }
}
