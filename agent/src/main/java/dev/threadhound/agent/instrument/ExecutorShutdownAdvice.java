package dev.threadhound.agent.instrument;

import dev.threadhound.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code shutdown}/{@code shutdownNow}: an executor that was shut down can no longer be leaked. */
final class ExecutorShutdownAdvice {
    private ExecutorShutdownAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object executor) {
        Hooks.executorShutdown(executor);
    }
}
