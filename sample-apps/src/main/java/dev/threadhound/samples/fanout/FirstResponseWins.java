package dev.threadhound.samples.fanout;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;

/**
 * {@code --bug=abandoned-results}: the fastest replica wins and the request returns, but the slower ones still
 * hand their answer to a queue nobody reads any more. Each of them blocks forever in {@code put} and keeps a pool
 * worker: Go's goroutine leak of a send on a channel whose receiver has left.
 */
final class FirstResponseWins {

    private final ExecutorService pool;

    FirstResponseWins(ExecutorService pool) {
        this.pool = pool;
    }

    String query(int request) throws InterruptedException {
        BlockingQueue<String> answers = new SynchronousQueue<>();
        for (int r = 0; r < Backends.REPLICAS; r++) {
            int replica = r;
            pool.execute(() -> {
                try {
                    answers.put(Backends.ask(replica, request));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        return answers.take();
    }
}
