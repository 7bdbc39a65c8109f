package dev.threadhound.agent.instrument;

import dev.threadhound.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code Thread.start}: where every thread, platform or virtual, is started from. */
final class ThreadStartAdvice {
    private ThreadStartAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Thread thread) {
        Hooks.threadStarting(thread);
    }
}
