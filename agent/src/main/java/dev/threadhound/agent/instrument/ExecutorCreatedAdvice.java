package dev.threadhound.agent.instrument;

import dev.threadhound.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** Executor constructors: where each pool was created. */
final class ExecutorCreatedAdvice {
    private ExecutorCreatedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object executor) {
        Hooks.executorCreated(executor);
    }
}
