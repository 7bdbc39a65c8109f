package dev.threadhound.agent.bootstrap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** A probe that throws on every call must never reach the host: the hooks swallow it. */
class HooksTest {

    @Test
    void aThrowingProbeNeverReachesTheCaller() {
        TestProbe probe = TestProbe.fresh();
        probe.failing = true;
        assertThat(Hooks.install(probe)).as("a second agent is refused").isFalse();

        Object executor = "pool";
        Runnable task = () -> { };
        assertThatCode(() -> {
            Hooks.threadStarting(Thread.currentThread());
            Hooks.executorCreated(executor);
            Hooks.executorShutdown(executor);
            Hooks.workerStarted(executor, Thread.currentThread());
            Hooks.taskRejected(executor, task);
            Hooks.taskSubmitted(executor, task);
            Hooks.taskExecuted(executor, task);
            Hooks.taskStarting(executor, task);
            Hooks.taskFinished(executor, task);
            Hooks.threadDied(Thread.currentThread(), new IllegalArgumentException("the host's own failure"));
            Hooks.threadEnded(Thread.currentThread());
            Hooks.taskFailed(task, new IllegalStateException("a periodic task's failure"));
            Hooks.taskCancelled(task);
        }).doesNotThrowAnyException();
        assertThat(probe.calls).hasSize(13);
        probe.failing = false;
    }
}
