package dev.threadhound.agent.instrument;

import dev.threadhound.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code ThreadPoolExecutor.runWorker}: a thread becomes this pool's worker. */
final class WorkerStartedAdvice {
    private WorkerStartedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object executor) {
        Hooks.workerStarted(executor, Thread.currentThread());
    }
}
