package dev.threadhound.samples.realsuite;

import io.netty.util.HashedWheelTimer;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.junit.jupiter.api.RepeatedTest;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tests that clean up after themselves, many times over: what the leak check costs a test that leaks nothing
 * ({@code LeakCheckCostIT}). Each does a little of what the leaking cases do, and ends it.
 */
class CleanCases {

    private static final int RUNS = 40;

    @RepeatedTest(RUNS)
    void borrowsFromAPoolAndClosesIt() throws Exception {
        GenericObjectPool<StringBuilder> pool = new GenericObjectPool<>(new BasePooledObjectFactory<>() {
            @Override
            public StringBuilder create() {
                return new StringBuilder();
            }

            @Override
            public PooledObject<StringBuilder> wrap(StringBuilder buffer) {
                return new DefaultPooledObject<>(buffer);
            }
        });
        pool.returnObject(pool.borrowObject().append('x'));
        pool.close();
        assertEquals(0, pool.getNumIdle());
    }

    @RepeatedTest(RUNS)
    void startsAndStopsATimer() throws InterruptedException {
        HashedWheelTimer timer = Wheel.started();
        assertTrue(timer.stop().isEmpty());
    }

    @RepeatedTest(RUNS)
    void runsTasksOnAPoolAndShutsItDown() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        assertEquals(3, pool.submit(() -> 1).get() + pool.submit(() -> 2).get());
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    }

    @RepeatedTest(RUNS)
    void computes() {
        long sum = 0;
        for (int i = 0; i < 10_000; i++) {
            sum += i % 7;
        }
        assertEquals(29_994, sum);
    }
}
