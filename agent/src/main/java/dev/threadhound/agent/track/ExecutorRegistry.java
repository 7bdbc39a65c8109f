package dev.threadhound.agent.track;

import com.blogspot.mydailyjava.weaklockfree.WeakConcurrentMap;
import dev.threadhound.model.ExecutorKind;
import dev.threadhound.model.TaskRecord;

import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Every executor created since the agent was installed, weakly held: one that nobody references and that has no
 * live worker is garbage, not a leak, and disappears from here by itself.
 */
public final class ExecutorRegistry {

    /**
     * Lookup keys made per call rather than reused: a reused one lives in a thread-local, which would make each
     * virtual thread that hands a task to a pool a map of its own.
     */
    private final WeakConcurrentMap<Object, ExecutorOrigin> origins = new WeakConcurrentMap<>(false, false);
    private final RecentEnds<TaskRecord> stoppedTasks = new RecentEnds<>(TaskRecord::since);

    void created(Object executor, StackTraceElement[] site) {
        if (!origins.containsKey(executor)) {
            origins.put(executor, new ExecutorOrigin(identity(executor), kindOf(executor),
                    site, System.currentTimeMillis(), Thread.currentThread().getId()));
        }
    }

    /** Registers an executor the agent did not see being created (the common pool, pools older than an attach). */
    public ExecutorOrigin adopt(Object executor) {
        ExecutorOrigin known = origins.get(executor);
        if (known != null) {
            return known;
        }
        ExecutorOrigin origin = new ExecutorOrigin(identity(executor), kindOf(executor),
                new StackTraceElement[0], 0, -1);
        origins.put(executor, origin);
        return origin;
    }

    public ExecutorOrigin get(Object executor) {
        return origins.get(executor);
    }

    public void forget(Object executor) {
        origins.remove(executor);
    }

    /** Periodic tasks that threw, recently: their schedulers never run them again. */
    public RecentEnds<TaskRecord> stoppedTasks() {
        return stoppedTasks;
    }

    public Iterable<Map.Entry<Object, ExecutorOrigin>> entries() {
        return origins;
    }

    public void expunge() {
        origins.expungeStaleEntries();
    }

    public static String identity(Object o) {
        return o.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(o));
    }

    static ExecutorKind kindOf(Object executor) {
        if (executor instanceof ScheduledThreadPoolExecutor) {
            return ExecutorKind.SCHEDULED;
        }
        if (executor instanceof ThreadPoolExecutor) {
            return ExecutorKind.THREAD_POOL;
        }
        if (executor instanceof ForkJoinPool) {
            return ExecutorKind.FORK_JOIN;
        }
        return ExecutorKind.THREAD_PER_TASK;
    }
}
