package dev.threadhound.agent.instrument;

import dev.threadhound.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code ThreadPoolExecutor.beforeExecute(Thread, Runnable)}, on the worker. */
final class TaskStartingAdvice {
    private TaskStartingAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object executor, @Advice.Argument(1) Runnable task) {
        Hooks.taskStarting(executor, task);
    }
}
