package dev.threadhound.agent.track;

import dev.threadhound.model.ExecutorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
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
        slot.taskEnded(ONE_SHOT);
        assertThat(slot.taskEndedAt()).as("another task was waiting: the pool works on").isZero();

        pool.getQueue().clear();
        long before = System.currentTimeMillis();
        slot.taskEnded(ONE_SHOT);
        assertThat(slot.taskEndedAt()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void aQueueThatWouldTakeALockToSayIsNotAskedAndEveryEndIsTimed() {
        WorkerSlot slot = slotOf(new ArrayBlockingQueue<>(4));
        pool.getQueue().add(() -> { });
        slot.taskEnded(ONE_SHOT);
        assertThat(slot.taskEndedAt()).isPositive();
    }

    @Test
    void aWorkerThatEndedOnlyPeriodicRunsIsIdleSinceItsPoolWasMadeAndOneThatEndedOtherWorkSinceThat() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        pool = scheduler;
        long made = System.currentTimeMillis() - 60_000;
        WorkerSlot slot = new WorkerSlot(new ExecutorOrigin("ScheduledThreadPoolExecutor@1", ExecutorKind.SCHEDULED,
                new StackTraceElement[0], made, 1), WorkerSlot.queueToWatch(scheduler));
        Runnable periodic = (Runnable) scheduler.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.HOURS);

        slot.taskEnded(periodic);
        assertThat(slot.taskEndedAt()).as("a metrics reader exporting every second does no other work").isEqualTo(made);

        long before = System.currentTimeMillis();
        slot.taskEnded(ONE_SHOT);
        slot.taskEnded(periodic);
        assertThat(slot.taskEndedAt()).as("idle since the last work that was not a periodic run")
                .isBetween(before, System.currentTimeMillis());
    }

    private static final Runnable ONE_SHOT = () -> { };

    private WorkerSlot slotOf(BlockingQueue<Runnable> queue) {
        pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, queue);
        ExecutorOrigin origin = new ExecutorOrigin("ThreadPoolExecutor@1", ExecutorKind.THREAD_POOL,
                new StackTraceElement[0], System.currentTimeMillis(), 1);
        return new WorkerSlot(origin, WorkerSlot.queueToWatch(pool));
    }
}
