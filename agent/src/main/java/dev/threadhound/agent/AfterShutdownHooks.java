package dev.threadhound.agent;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Runs a step of the agent's once every shutdown hook of the application has ended, just before the JVM halts: in a
 * slot of the JDK's own exit sequence ({@code java.lang.Shutdown}), whose slots run in turn, one of them the
 * application's hooks. A plain shutdown hook runs beside the application's, and the agent's endpoint must go on
 * serving while one of them holds the exit ({@code EXIT_BLOCKED}). Needs {@code java.lang} open to the agent
 * ({@link ModuleAccess}).
 */
final class AfterShutdownHooks {

    /** The JDK's slots: 0 restores the console, 1 runs the application's hooks, 2 deletes files on exit; 10 in all. */
    private static final int FIRST_FREE_SLOT = 3;
    private static final int SLOTS = 10;

    /** At most as long as the JVM itself waits at its halt for a thread in native code to come back. */
    private static final long STEP_MILLIS = 300;

    private AfterShutdownHooks() {
    }

    /**
     * Runs {@code step} on a thread of its own, waiting for it no longer than {@value #STEP_MILLIS} ms; false when no
     * slot could be had (another JDK, another agent in them all, or the JVM already exiting).
     */
    static boolean run(String name, Runnable step) {
        Runnable bounded = () -> {
            Thread thread = new Thread(step, name);
            thread.setDaemon(true);
            thread.start();
            try {
                thread.join(STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try {
            Class<?> shutdown = Class.forName("java.lang.Shutdown");
            MethodHandle add = MethodHandles.privateLookupIn(shutdown, MethodHandles.lookup()).findStatic(shutdown,
                    "add", MethodType.methodType(void.class, int.class, boolean.class, Runnable.class));
            for (int slot = SLOTS - 1; slot >= FIRST_FREE_SLOT; slot--) {
                try {
                    add.invokeExact(slot, false, bounded);
                    return true;
                } catch (InternalError taken) {
                    // the JDK says a slot is registered already this way
                }
            }
            return false;
        } catch (Throwable e) {
            return false;
        }
    }
}
