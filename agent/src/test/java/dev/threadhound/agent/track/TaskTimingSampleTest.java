package dev.threadhound.agent.track;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which tasks the probe times: every task of a quiet executor (its histograms are never empty), then, once an
 * executor has enough timings, one in {@value RecordingProbe#SAMPLE_ONE_IN} or so.
 */
class TaskTimingSampleTest {

    private final ExecutorRegistry executors = new ExecutorRegistry();
    private final RecordingProbe probe = new RecordingProbe(new ThreadRegistry(), executors, new TaskSites());
    private final List<long[]> timings = new ArrayList<>();
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());

    TaskTimingSampleTest() {
        executors.adopt(pool);
        probe.timings((executor, wait, run) -> timings.add(new long[] {wait, run}));
        // this thread plays the pool's worker as well as the caller that hands it tasks
        probe.workerStarted(pool, Thread.currentThread());
    }

    @Test
    void anExecutorThatRanTenTasksHasTenTimings() {
        runTasks(10);
        assertThat(timings).hasSize(10).allSatisfy(t -> assertThat(t[0] >= 0 && t[1] >= 0).isTrue());
    }

    @Test
    void aTaskHandedOverWhileTheLastTimedOneStillRunsIsTimedToo() {
        // Future.get() returns before the worker is done with the task: the caller's next task comes that soon.
        Runnable first = () -> { };
        Runnable second = () -> { };
        probe.taskExecuted(pool, first);
        probe.taskStarting(pool, first);
        probe.taskExecuted(pool, second);
        probe.taskFinished(pool, first);
        probe.taskStarting(pool, second);
        probe.taskFinished(pool, second);
        assertThat(timings).hasSize(2);
        pool.shutdown();
    }

    @Test
    void afterTheFirstTimingsOnlyAFewTasksAreTimed() {
        runTasks(RecordingProbe.TIME_EVERY_TASK_UNTIL + 64_000);
        int sampled = timings.size() - RecordingProbe.TIME_EVERY_TASK_UNTIL;
        assertThat(sampled).as("about one in %d of 64,000 tasks", RecordingProbe.SAMPLE_ONE_IN).isBetween(700, 1300);
    }

    @Test
    void anotherExecutorStartsWithItsOwnTimings() {
        runTasks(RecordingProbe.TIME_EVERY_TASK_UNTIL);
        ThreadPoolExecutor other = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        executors.adopt(other);
        timings.clear();
        probe.workerStarted(other, Thread.currentThread());
        for (int i = 0; i < 5; i++) {
            Runnable task = () -> { };
            probe.taskExecuted(other, task);
            probe.taskStarting(other, task);
            probe.taskFinished(other, task);
        }
        assertThat(timings).hasSize(5);
        other.shutdown();
    }

    private void runTasks(int n) {
        for (int i = 0; i < n; i++) {
            Runnable task = () -> { };
            probe.taskExecuted(pool, task);
            probe.taskStarting(pool, task);
            probe.taskFinished(pool, task);
        }
        pool.shutdown();
    }
}
