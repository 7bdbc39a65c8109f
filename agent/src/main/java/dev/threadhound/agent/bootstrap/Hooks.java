package dev.threadhound.agent.bootstrap;

/**
 * Static entry points for the calls the agent writes into JDK methods. Each is one guarded call: nothing happens until a probe is installed, a
 * failing probe never reaches the host, and the rare hooks carry a re-entrancy guard. The per-task hooks
 * (submitted, starting, finished) skip the guard: they run millions of times a second and the probe's
 * task path never calls back into an executor or starts a thread.
 */
public final class Hooks {

    private static volatile Probe probe;

    private static final ThreadLocal<boolean[]> INSIDE = ThreadLocal.withInitial(() -> new boolean[1]);

    /** The agent's snapshots as serialized model records, for the leak check of a test in this JVM. */
    private static volatile java.util.function.Supplier<byte[]> snapshots;

    private Hooks() {
    }

    /** Installs the probe once; a second agent in the same JVM is refused. */
    public static synchronized boolean install(Probe value) {
        if (probe != null) {
            return false;
        }
        probe = value;
        return true;
    }

    public static boolean installed() {
        return probe != null;
    }

    /** Set by the agent that installed the probe, in premain. */
    public static void snapshots(java.util.function.Supplier<byte[]> source) {
        snapshots = source;
    }

    /**
     * Called by the JUnit extension, by reflection as {@code java.lang.ThreadhoundHooks.checkStarting()}, as a test's
     * leak check begins: the submission sites of task classes are recorded again from then on, so that a task class
     * each test submits (a library's, through the test's own call) is named at this test's call, not the first one's.
     */
    public static void checkStarting() {
        Probe p = probe;
        if (p != null) {
            try {
                p.checkStarting();
            } catch (Throwable ignored) {
                // never into the test
            }
        }
    }

    /**
     * A snapshot of every thread with its stack, as serialized model records; null while no agent runs. The JUnit
     * extension calls it by reflection as {@code java.lang.ThreadhoundHooks.snapshotBytes()}: a test JVM that lives
     * a second then needs neither the platform MBean server nor the agent's MBean.
     */
    public static byte[] snapshotBytes() {
        java.util.function.Supplier<byte[]> source = snapshots;
        return source == null ? null : source.get();
    }

    /**
     * No re-entrancy guard: the probe captures a stack and puts one entry in a map, which starts nothing and calls no
     * hooked method, and the guard's thread-local would give every virtual thread that starts another (a request
     * fanning out) a map of its own.
     */
    public static void threadStarting(Thread thread) {
        Probe p = probe;
        if (p != null) {
            try {
                p.threadStarting(thread);
            } catch (Throwable ignored) {
                // the host's thread start must never fail because of us
            }
        }
    }

    public static void executorCreated(Object executor) {
        Probe p = probe;
        if (p == null) {
            return;
        }
        boolean[] inside = INSIDE.get();
        if (inside[0]) {
            return;
        }
        inside[0] = true;
        try {
            p.executorCreated(executor);
        } catch (Throwable ignored) {
            // never into the host
        } finally {
            inside[0] = false;
        }
    }

    public static void executorShutdown(Object executor) {
        Probe p = probe;
        if (p != null) {
            try {
                p.executorShutdown(executor);
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    public static void workerStarted(Object executor, Thread worker) {
        Probe p = probe;
        if (p != null) {
            try {
                p.workerStarted(executor, worker);
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    public static void taskRejected(Object executor, Object task) {
        Probe p = probe;
        if (p != null) {
            try {
                p.taskRejected(executor, task);
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    public static void taskSubmitted(Object executor, Object task) {
        Probe p = probe;
        if (p != null) {
            try {
                p.taskSubmitted(executor, task);
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    public static void taskExecuted(Object executor, Runnable task) {
        Probe p = probe;
        if (p != null) {
            try {
                p.taskExecuted(executor, task);
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    public static void taskStarting(Object executor, Runnable task) {
        Probe p = probe;
        if (p != null) {
            try {
                p.taskStarting(executor, task);
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    public static void taskFinished(Object executor, Runnable task) {
        Probe p = probe;
        if (p != null) {
            try {
                p.taskFinished(executor, task);
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    public static void threadDied(Thread thread, Throwable error) {
        Probe p = probe;
        if (p == null) {
            return;
        }
        boolean[] inside = INSIDE.get();
        if (inside[0]) {
            return;
        }
        inside[0] = true;
        try {
            p.threadDied(thread, error);
        } catch (Throwable ignored) {
            // the thread's own uncaught-exception handler must still run
        } finally {
            inside[0] = false;
        }
    }

    /**
     * No re-entrancy guard: the probe only forgets the thread, which starts nothing and calls no hooked method, and
     * the guard's thread-local would make each ending virtual thread a map of its own.
     */
    public static void threadEnded(Thread thread) {
        Probe p = probe;
        if (p != null) {
            try {
                p.threadEnded(thread);
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    /**
     * No re-entrancy guard, for the same reason as {@link #threadEnded}: the probe reads the thread's state and, for a
     * wait in {@code Object.wait}, looks the thread up and counts. Every unmount of a virtual thread passes here.
     */
    public static void virtualThreadYielded(Thread thread) {
        Probe p = probe;
        if (p != null) {
            try {
                p.virtualThreadYielded(thread);
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    /** No re-entrancy guard, for the same reason as {@link #virtualThreadYielded}. On the JDK's unblocker thread. */
    public static void virtualThreadUnblocked(Thread thread) {
        Probe p = probe;
        if (p != null) {
            try {
                p.virtualThreadUnblocked(thread);
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    /**
     * At each return of {@code ConditionObject.awaitNanos}, with what it returns: the time left, above 0 when the
     * wait was signalled before its time ran out. No re-entrancy guard: the probe looks the thread up in a map that
     * waits on no condition.
     */
    public static void conditionWaitEnded(long nanosLeft) {
        if (nanosLeft > 0) {
            signalled();
        }
    }

    /** At each return of {@code ConditionObject.await(time, unit)} and {@code awaitUntil}: true when signalled in time. */
    public static void conditionWaitReturned(boolean inTime) {
        if (inTime) {
            signalled();
        }
    }

    private static void signalled() {
        Probe p = probe;
        if (p != null) {
            try {
                p.conditionSignalled();
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    /** No re-entrancy guard, for the same reason as {@link #threadEnded}: the probe reads fields and calls nothing hooked. */
    public static void taskCancelled(Object task) {
        Probe p = probe;
        if (p != null) {
            try {
                p.taskCancelled(task);
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    /** No re-entrancy guard, for the same reason as {@link #threadEnded}: the probe records text and calls nothing hooked. */
    public static void taskFailed(Object task, Throwable error) {
        Probe p = probe;
        if (p != null) {
            try {
                p.taskFailed(task, error);
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }
}
