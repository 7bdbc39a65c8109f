package dev.threadhound.agent.track;

import dev.threadhound.model.ExecutorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** When a worker's end of a task can be when its pool became idle. */
class WorkerSlotTest {

    private ThreadPoolExecutor pool;

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    @Test
    void anEndWithTasksStillQueuedIsNotWhenThePoolBecameIdleAndOneWithNoneIs() {
        WorkerSlot slot = slotOf(new LinkedBlockingQueue<>());
        pool.getQueue().add(() -> { });
        slot.taskEnded();
        assertThat(slot.taskEndedAt()).as("another task was waiting: the pool works on").isZero();

        pool.getQueue().clear();
        long before = System.currentTimeMillis();
        slot.taskEnded();
        assertThat(slot.taskEndedAt()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void aQueueThatWouldTakeALockToSayIsNotAskedAndEveryEndIsTimed() {
        WorkerSlot slot = slotOf(new ArrayBlockingQueue<>(4));
        pool.getQueue().add(() -> { });
        slot.taskEnded();
        assertThat(slot.taskEndedAt()).isPositive();
    }

    private WorkerSlot slotOf(BlockingQueue<Runnable> queue) {
        pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, queue);
        ExecutorOrigin origin = new ExecutorOrigin("ThreadPoolExecutor@1", ExecutorKind.THREAD_POOL,
                new StackTraceElement[0], System.currentTimeMillis(), 1);
        return new WorkerSlot(origin, WorkerSlot.queueToWatch(pool));
    }
}
