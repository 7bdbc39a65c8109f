package dev.threadhound.agent.instrument;

import dev.threadhound.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code submit}/{@code schedule}/{@code invoke}: sees the caller's own task before an executor wraps it. */
final class TaskSubmittedAdvice {
    private TaskSubmittedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object executor, @Advice.Argument(0) Object task) {
        Hooks.taskSubmitted(executor, task);
    }
}
