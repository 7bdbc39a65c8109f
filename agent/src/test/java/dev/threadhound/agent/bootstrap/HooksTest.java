package dev.threadhound.agent.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** A probe that throws on every call must never reach the host: the hooks swallow it. */
class HooksTest {

    @Test
    void aThrowingProbeNeverReachesTheCaller() {
        AtomicInteger calls = new AtomicInteger();
        Probe failing = (Probe) java.lang.reflect.Proxy.newProxyInstance(Probe.class.getClassLoader(),
                new Class<?>[] {Probe.class}, (proxy, method, args) -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("probe failure on purpose");
                });
        boolean installed = Hooks.install(failing);
        assertThat(installed).isTrue();
        assertThat(Hooks.install(failing)).as("a second agent is refused").isFalse();

        Object executor = new Object();
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
        }).doesNotThrowAnyException();
        assertThat(calls).hasValue(10);
    }
}
