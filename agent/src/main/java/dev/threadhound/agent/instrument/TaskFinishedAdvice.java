package dev.threadhound.agent.instrument;

import dev.threadhound.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code ThreadPoolExecutor.afterExecute(Runnable, Throwable)}, on the worker. */
final class TaskFinishedAdvice {
    private TaskFinishedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object executor, @Advice.Argument(0) Runnable task) {
        Hooks.taskFinished(executor, task);
    }
}
