package dev.threadhound.agent.track;

import dev.threadhound.model.DeathRecord;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** What a thread's origin remembers of its waits, for the record of its death. */
class ThreadOriginTest {

    private static final String LOCK = "java.util.concurrent.locks.ReentrantLock$NonfairSync@1";
    private static final String NOT_EMPTY = "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@2";
    private static final String NOT_FULL = "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject@3";

    private final ThreadOrigin origin = new ThreadOrigin(CreationSite.UNKNOWN, -1, 1);

    @Test
    void theLatestWaitComesFirstAndKeepsTheCallSeenBeforeOnTheSameBlocker() {
        origin.sawWaiting(LOCK, NOT_EMPTY, "ArrayBlockingQueue.take");
        origin.sawWaiting(LOCK, NOT_FULL, "ArrayBlockingQueue.put");
        // a look that took no stack: the call is the one seen there before
        origin.sawWaiting(LOCK, NOT_EMPTY, null);

        assertThat(origin.waits()).containsExactly(
                new DeathRecord.Wait(LOCK, NOT_EMPTY, "ArrayBlockingQueue.take"),
                new DeathRecord.Wait(LOCK, NOT_FULL, "ArrayBlockingQueue.put"));
    }

    @Test
    void theSameWaitSeenAgainMakesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        origin.sawWaiting(LOCK, NOT_FULL, "ArrayBlockingQueue.put");
        origin.sawWaiting(LOCK, NOT_EMPTY, "ArrayBlockingQueue.take");
        var kept = origin.waits();
        // warmed: the allocation counter itself, and the code, before the measured calls
        for (int i = 0; i < 10_000; i++) {
            origin.sawWaiting(LOCK, NOT_EMPTY, null);
            origin.sawWaiting(LOCK, NOT_EMPTY, "ArrayBlockingQueue.take");
        }
        mx.getCurrentThreadAllocatedBytes();

        long before = mx.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000; i++) {
            origin.sawWaiting(LOCK, NOT_EMPTY, null);
            origin.sawWaiting(LOCK, NOT_EMPTY, "ArrayBlockingQueue.take");
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;

        assertThat(allocated).as("bytes allocated by 2,000 looks at the same wait").isZero();
        assertThat(origin.waits()).isSameAs(kept);
    }
}
