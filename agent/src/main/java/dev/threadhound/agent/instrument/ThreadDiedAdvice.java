package dev.threadhound.agent.instrument;

import dev.threadhound.agent.bootstrap.Hooks;
import net.bytebuddy.asm.Advice;

/** {@code Thread.dispatchUncaughtException}: where the JVM hands a dying thread the exception that ends it. */
final class ThreadDiedAdvice {
    private ThreadDiedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Thread thread, @Advice.Argument(0) Throwable error) {
        Hooks.threadDied(thread, error);
    }
}
