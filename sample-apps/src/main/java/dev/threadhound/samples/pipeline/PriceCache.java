package dev.threadhound.samples.pipeline;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * {@code --bug=lock-upgrade}: a cache read under a read lock loads a missing price under the write lock without
 * first releasing the read lock. A {@code ReentrantReadWriteLock} never turns a read lock into a write lock, so each
 * pricing thread that misses waits forever for a write lock its own read lock keeps from being granted; the JDK's
 * deadlock detection sees no owner and nothing wrong. A quote read afterwards queues behind the waiting writers.
 */
final class PriceCache {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Long> prices = new HashMap<>();
    /** Both pricing threads hold the read lock before either asks for the write lock, so every run hangs. */
    private final CyclicBarrier bothReading = new CyclicBarrier(2);

    long price(String item) {
        lock.readLock().lock();
        try {
            Long cached = prices.get(item);
            if (cached != null) {
                return cached;
            }
            awaitOther();
            lock.writeLock().lock();
            try {
                return prices.computeIfAbsent(item, k -> (long) k.length() * 100);
            } finally {
                lock.writeLock().unlock();
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    void startPricing() {
        PipelineWorkload.daemon("pipeline-pricing-1", () -> price("apples"));
        PipelineWorkload.daemon("pipeline-pricing-2", () -> price("pears"));
        PipelineWorkload.daemon("pipeline-quote", () -> {
            sleep(500);
            System.out.println("pipeline: quote " + price("plums"));
        });
    }

    private void awaitOther() {
        try {
            bothReading.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
