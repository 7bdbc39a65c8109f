package dev.threadhound.samples.libraries;

import org.apache.commons.pool2.impl.GenericObjectPool;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Six workers, a thread per task (virtual from JDK 21 on), share a commons-pool2 pool of two objects: each borrows
 * one, holds it for 200 ms and gives it back, over and over, so that most of the time four of them wait in the pool's
 * {@code LinkedBlockingDeque.takeFirst()}, at the same line, on the same condition, each for a few hundred
 * milliseconds. A control that must stay quiet: waiting one's turn for a pooled object is no stuck thread. The JDK
 * keeps no wait counts for virtual threads that would show each wait ending.
 */
public final class PoolBorrowers {

    private static final int WORKERS = 6;
    private static final long SECONDS = 10;

    private PoolBorrowers() {
    }

    public static void main(String[] args) throws Exception {
        GenericObjectPool<StringBuilder> pool = BufferPools.create();
        pool.setMaxTotal(2);
        AtomicLong turns = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
        ThreadFactory perWorker = ThreadPerTask.factory("borrower-");
        Thread[] workers = new Thread[WORKERS];
        for (int i = 0; i < WORKERS; i++) {
            workers[i] = perWorker.newThread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        StringBuilder buffer = pool.borrowObject();
                        Thread.sleep(200);
                        pool.returnObject(buffer);
                        turns.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            workers[i].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        pool.close();
        System.out.println("pool-borrowers: " + turns.get() + " turns of " + WORKERS + " workers at a pool of two; done");
    }
}
