package dev.threadhound.agent.instrument;

import dev.threadhound.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code ThreadPoolExecutor.execute}: the hot path every pool task passes. */
final class TaskExecutedAdvice {
    private TaskExecutedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object executor, @Advice.Argument(0) Runnable task) {
        Hooks.taskExecuted(executor, task);
    }
}
