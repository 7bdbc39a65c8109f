package dev.threadhound.samples.realsuite;

import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A pool whose thread factory names nothing: its threads are the JDK's {@code Thread-N}. */
class ThreadFactoryCases {

    /** Never shut down. */
    @Test
    void leavesAPoolOfUnnamedThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, Thread::new);
        assertEquals(42, pool.submit(() -> 42).get());
    }

    @Test
    void shutsDownItsPool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2, Thread::new);
        assertEquals(42, pool.submit(() -> 42).get());
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }
}
