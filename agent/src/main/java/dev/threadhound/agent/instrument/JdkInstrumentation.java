package dev.threadhound.agent.instrument;

import dev.threadhound.agent.instrument.HookPoint.Value;

import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.threadhound.agent.instrument.HookPoint.atEntry;
import static dev.threadhound.agent.instrument.HookPoint.atExit;

/**
 * Puts the bridge calls into the handful of JDK classes that start threads and run tasks. Every one of them is
 * loaded (not initialized) and rewritten once, at install (as it loads, or retransformed when the JVM had loaded it
 * already), and the transformer is removed again: classes the
 * application loads later pass no agent code at all. Classes missing on a JDK (the virtual-thread classes before
 * 21) are skipped.
 */
public final class JdkInstrumentation {

    private static final Set<Integer> ANY = Set.of();
    private static final Set<Integer> NONE = Set.of(0);
    private static final Set<Integer> ONE = Set.of(1);
    private static final Set<Integer> TWO = Set.of(2);
    private static final Set<Integer> ONE_OR_TWO = Set.of(1, 2);
    private static final Set<Integer> NONE_OR_ONE = Set.of(0, 1);

    private static final List<HookPoint> THREAD = List.of(
            atEntry("threadStarting", Set.of("start"), NONE_OR_ONE, Value.THIS),
            atEntry("threadDied", Set.of("dispatchUncaughtException"), ONE, Value.THIS, Value.ARG_0),
            atEntry("threadEnded", Set.of("exit"), NONE, Value.THIS));

    /**
     * A virtual thread's {@code start()} only hands over to {@code start(ThreadContainer)}, which executors call
     * directly: hooked there alone, each start reaches the probe once. {@code Thread.exit} is for platform threads; a
     * virtual thread ends when its {@code run(Runnable)} returns, which catches whatever its task throws. Its
     * {@code unblock()} (JDK 24 on) ends a block on a monitor, and its {@code afterYield()} begins, among others, a
     * wait in {@code Object.wait} (JDK 24 on, where that wait unmounts): the JDK counts neither for a virtual thread.
     * {@code Object.wait} itself is left alone: redefining {@code java.lang.Object} left the frames of the threads
     * already waiting in it (the JVM's finalizer) on an obsolete version of the class, which the JVM's heap dumps then
     * named twice, and a heap dump reader (Shark) could not open them.
     */
    private static final List<HookPoint> VIRTUAL_THREAD = List.of(
            atEntry("threadStarting", Set.of("start"), ONE, Value.THIS),
            atEntry("threadDied", Set.of("dispatchUncaughtException"), ONE, Value.THIS, Value.ARG_0),
            atExit("threadEnded", Set.of("run"), ONE, Value.THIS),
            // from JDK 24 on (monitors no longer pin), a virtual thread blocked on a monitor is let go by this
            atEntry("virtualThreadUnblocked", Set.of("unblock"), NONE, Value.THIS),
            // and one that waits in Object.wait unmounts through this, as every unmount does
            atEntry("virtualThreadYielded", Set.of("afterYield"), NONE, Value.THIS));

    /**
     * A timed wait on a lock's condition (every {@code poll(timeout)} of the JDK's blocking queues) that ended by a
     * signal: the JDK counts it as it counts one that timed out, and a consumer handed items through a helper that
     * polls looked like a loop polling for a condition nobody makes true.
     */
    private static final List<HookPoint> CONDITION = List.of(
            atExit("conditionWaitEnded", Set.of("awaitNanos"), ONE, Value.RETURNED),
            atExit("conditionWaitReturned", Set.of("awaitUntil"), ONE, Value.RETURNED),
            atExit("conditionWaitReturned", Set.of("await"), TWO, Value.RETURNED));

    private static final List<HookPoint> SHUTDOWN = List.of(
            atExit("executorShutdown", Set.of("shutdown", "shutdownNow"), NONE, Value.THIS));

    static final Map<String, List<HookPoint>> HOOKS = Map.of(
            "java/lang/Thread", THREAD,
            "java/lang/VirtualThread", VIRTUAL_THREAD,
            "java/util/concurrent/ThreadPoolExecutor", plus(SHUTDOWN,
                    atExit("executorCreated", Set.of("<init>"), Set.of(7), Value.THIS),
                    atEntry("taskExecuted", Set.of("execute"), ONE, Value.THIS, Value.ARG_0),
                    atEntry("taskStarting", Set.of("beforeExecute"), TWO, Value.THIS, Value.ARG_1),
                    atEntry("taskFinished", Set.of("afterExecute"), TWO, Value.THIS, Value.ARG_0),
                    atEntry("workerStarted", Set.of("runWorker"), ONE, Value.THIS, Value.CURRENT_THREAD),
                    atEntry("taskRejected", Set.of("reject"), ONE, Value.THIS, Value.ARG_0)),
            "java/util/concurrent/AbstractExecutorService", List.of(
                    atEntry("taskSubmitted", Set.of("submit"), ANY, Value.THIS, Value.ARG_0)),
            "java/util/concurrent/ScheduledThreadPoolExecutor", List.of(
                    atEntry("taskSubmitted", Set.of("schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay"), ANY,
                            Value.THIS, Value.ARG_0)),
            "java/util/concurrent/locks/AbstractQueuedSynchronizer$ConditionObject", CONDITION,
            "java/util/concurrent/ForkJoinPool", plus(SHUTDOWN,
                    atExit("executorCreated", Set.of("<init>"), ANY, Value.THIS),
                    atEntry("taskSubmitted", Set.of("execute", "submit", "invoke"), ONE_OR_TWO, Value.THIS, Value.ARG_0)),
            // its tasks are its threads, each named by where it was started: where each task was handed over would
            // name nothing more, and recording it was most of what the agent added to a virtual thread per task
            "java/util/concurrent/ThreadPerTaskExecutor", plus(SHUTDOWN,
                    atExit("executorCreated", Set.of("<init>"), ANY, Value.THIS)),
            // how a periodic task ends for good: its run threw, and the exception is kept in its future; and a
            // cancelled future clears the work it wraps, which a worker still running it is then stuck in
            "java/util/concurrent/FutureTask", List.of(
                    atEntry("taskFailed", Set.of("setException"), ONE, Value.THIS, Value.ARG_0),
                    atEntry("taskCancelled", Set.of("cancel"), ONE, Value.THIS)));

    /** The hooks that run for every task: handed to a pool, started, finished (a rejection is no everyday path). */
    static final Set<String> TASK_HOOKS = Set.of("taskExecuted", "taskSubmitted", "taskStarting", "taskFinished");

    private JdkInstrumentation() {
    }

    /**
     * Rewrites the classes; returns what could not be done (empty when everything took).
     *
     * @param tasks whether the per-task hooks go in too ({@link #TASK_HOOKS}); without them the pools are still
     *              known, with their workers, load and shutdown, but nothing of the agent runs per task
     * @param cache where the classes rewritten by an earlier JVM are kept ({@link RewrittenClassCache}), or null
     * @param build the agent's build, which keys the cache
     */
    public static List<String> install(Instrumentation inst, boolean tasks, Path cache, String build) {
        Map<String, List<HookPoint>> hooks = hooks(tasks);
        List<String> errors = new CopyOnWriteArrayList<>();
        HookTransformer transformer = new HookTransformer(hooks, errors, RewrittenClassCache.at(cache, build));
        inst.addTransformer(transformer, true);
        try {
            // A class not loaded yet is rewritten as it loads here; only the ones loaded before need retransforming,
            // which costs the JVM a redefinition and the transformer a second pass.
            List<Class<?>> loadedBefore = new ArrayList<>();
            for (Class<?> c : present(hooks)) {
                if (!transformer.rewrittenAtLoad(c.getName().replace('.', '/'))) {
                    loadedBefore.add(c);
                }
            }
            if (!loadedBefore.isEmpty()) {
                inst.retransformClasses(loadedBefore.toArray(Class<?>[]::new));
            }
        } catch (Exception | LinkageError e) {
            errors.add(e.toString());
        } finally {
            inst.removeTransformer(transformer);
        }
        return errors;
    }

    /** The hooked classes this JDK has, loaded (not initialized). */
    private static List<Class<?>> present(Map<String, List<HookPoint>> hooks) {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : hooks.keySet()) {
            try {
                classes.add(Class.forName(name.replace('/', '.'), false, null));
            } catch (ClassNotFoundException absentOnThisJdk) {
                // nothing to rewrite
            }
        }
        return classes;
    }

    /** The hooks to install: all of them, or all but the {@link #TASK_HOOKS}. */
    static Map<String, List<HookPoint>> hooks(boolean tasks) {
        if (tasks) {
            return HOOKS;
        }
        Map<String, List<HookPoint>> hooks = new HashMap<>();
        HOOKS.forEach((type, points) -> {
            List<HookPoint> kept = points.stream().filter(p -> !TASK_HOOKS.contains(p.hook())).toList();
            if (!kept.isEmpty()) {
                hooks.put(type, kept);
            }
        });
        return hooks;
    }

    private static List<HookPoint> plus(List<HookPoint> base, HookPoint... more) {
        List<HookPoint> all = new ArrayList<>(base);
        all.addAll(List.of(more));
        return List.copyOf(all);
    }
}
