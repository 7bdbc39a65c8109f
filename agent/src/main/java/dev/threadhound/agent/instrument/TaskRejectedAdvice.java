package dev.threadhound.agent.instrument;

import dev.threadhound.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code ThreadPoolExecutor.reject(Runnable)}. */
final class TaskRejectedAdvice {
    private TaskRejectedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object executor, @Advice.Argument(0) Object task) {
        Hooks.taskRejected(executor, task);
    }
}
