package dev.threadhound.samples.pipeline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;

/**
 * {@code --bug=leak}, the pool side: audit entries go into a bounded queue that nothing drains. The first fits; the
 * task carrying the second blocks forever in {@code put} and keeps one pool worker for good.
 */
final class AuditTrail {

    private final BlockingQueue<String> entries = new ArrayBlockingQueue<>(1);

    void submitAudit(ExecutorService pool, String entry) {
        pool.submit(() -> {
            entries.put(entry);
            return entry;
        });
    }
}
