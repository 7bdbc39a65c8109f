package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.Log;
import dev.threadhound.agent.track.ExecutorOrigin;
import dev.threadhound.agent.track.ExecutorRegistry;
import dev.threadhound.agent.track.Sites;
import dev.threadhound.agent.track.TaskSites;
import dev.threadhound.agent.track.TaskUnwrapper;
import dev.threadhound.model.ExecutorRecord;
import dev.threadhound.model.TaskRecord;
import dev.threadhound.model.TaskState;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Reads an executor's load through its own public API, and the tasks waiting in its queue or for a new worker. */
final class ExecutorInspector {

    /** Queued tasks listed per executor; a queue of millions is summarized by its size. */
    static final int QUEUED_TASKS_LISTED = 100;

    private final TaskSites sites;
    private final TaskUnwrapper unwrapper = new TaskUnwrapper();
    /** When each periodic task was first seen waiting, for as long as its scheduler holds it (the builder's lock). */
    private final Map<Object, Long> firstSeen = new WeakHashMap<>();
    /** What was said once: the classes of executors that refused their queue, or could not be read at all. */
    private final Set<String> said = ConcurrentHashMap.newKeySet();

    ExecutorInspector(TaskSites sites) {
        this.sites = sites;
    }

    void nameFromWorker(ExecutorOrigin pool, String threadName) {
        pool.nameFromWorker(threadName);
    }

    /**
     * The executor's record now, or null once it has terminated (nothing left to leak or to watch).
     *
     * @param lastTaskEnded when its workers last ended a task (epoch millis), 0 when unknown: since when it is idle,
     *                      if it is (a pool that never had a worker nor a task: since it was made)
     */
    ExecutorRecord record(Object executor, ExecutorOrigin origin, String name, List<Long> workerIds,
                          long lastTaskEnded) {
        if (executor instanceof ThreadPoolExecutor pool) {
            if (pool.isTerminated()) {
                return null;
            }
            BlockingQueue<Runnable> queue = queueOf(pool);
            int queued = queue == null ? 0 : pool instanceof ScheduledThreadPoolExecutor ? dueCount(queue) : queue.size();
            int remaining = queue == null ? Integer.MAX_VALUE : queue.remainingCapacity();
            int max = pool.getMaximumPoolSize();
            int poolSize = pool.getPoolSize();
            long completed = pool.getCompletedTaskCount();
            // a pool that has never had a worker nor a task (Vert.x's internal pool, made per instance and rarely
            // used) has been idle since it was made
            long idleFrom = lastTaskEnded > 0 ? lastTaskEnded
                    : poolSize == 0 && completed == 0 ? origin.createdAt() : 0;
            return record(pool, origin, name, pool.isShutdown(), poolSize, pool.getActiveCount(),
                    max == Integer.MAX_VALUE ? -1 : max, queued,
                    remaining == Integer.MAX_VALUE ? -1 : queue.size() + remaining, completed, workerIds, idleFrom);
        }
        if (executor instanceof ForkJoinPool pool) {
            if (pool.isTerminated()) {
                return null;
            }
            long queued = pool.getQueuedSubmissionCount() + pool.getQueuedTaskCount();
            return record(pool, origin, name, pool.isShutdown() && pool != ForkJoinPool.commonPool(), pool.getPoolSize(),
                    pool.getActiveThreadCount(), pool.getParallelism(), (int) Math.min(Integer.MAX_VALUE, queued), -1,
                    0, workerIds, 0);
        }
        if (executor instanceof java.util.concurrent.ExecutorService service) {
            if (service.isTerminated()) {
                return null;
            }
            int threads = (int) threadCount(executor);
            return record(service, origin, name, service.isShutdown(), threads, threads, -1, 0, -1, 0, workerIds, 0);
        }
        return null;
    }

    private ExecutorRecord record(Object executor, ExecutorOrigin origin, String name, boolean shutdown, int poolSize,
                                  int active, int max, int queued, int capacity, long completed, List<Long> workerIds,
                                  long idleFrom) {
        return new ExecutorRecord(origin.identity(), name, origin.kind(), Sites.frames(origin.site()),
                origin.createdAt(), shutdown || origin.shutdown(), poolSize, active, max, queued, capacity, completed,
                origin.rejected(), workerIds, origin.createdBy(), active == 0 && queued == 0 ? idleFrom : 0, 0, 0,
                origin.workerDeaths(),
                origin.terminationIdentity(() -> EndSignals.ofExecutor(executor)));
    }

    /**
     * Tasks waiting in a pool's queue, at most {@link #QUEUED_TASKS_LISTED}; scheduled ones only once due. A task
     * handed to a new worker that has not begun it counts as waiting too ({@link NewWorkers}). Periodic tasks waiting
     * for their next run are listed apart ({@link TaskState#SCHEDULED}), as many again at most, each with the moment
     * it was first seen there: a periodic task is often caught running, and it is still the same task after.
     */
    List<TaskRecord> queuedTasks(Object executor, String name) {
        if (!(executor instanceof ThreadPoolExecutor pool)) {
            return List.of();
        }
        boolean scheduled = pool instanceof ScheduledThreadPoolExecutor;
        List<TaskRecord> out = new ArrayList<>();
        for (Runnable task : NewWorkers.pendingFirstTasks(pool)) {
            out.add(task(task, name, TaskState.QUEUED, -1));
        }
        int queued = out.size();
        int periodic = 0;
        long now = System.currentTimeMillis();
        BlockingQueue<Runnable> queue = queueOf(pool);
        for (Runnable task : queue == null ? List.<Runnable>of() : queue) {
            if (queued >= QUEUED_TASKS_LISTED && (!scheduled || periodic >= QUEUED_TASKS_LISTED)) {
                break;
            }
            if (scheduled && periodic(task)) {
                if (periodic < QUEUED_TASKS_LISTED) {
                    periodic++;
                    out.add(periodicTask(task, name, firstSeen.computeIfAbsent(task, t -> now)));
                }
            } else if ((!scheduled || due(task)) && queued < QUEUED_TASKS_LISTED) {
                queued++;
                out.add(task(task, name, TaskState.QUEUED, -1));
            }
        }
        return out;
    }

    TaskRecord task(Object task, String executorName, TaskState state, long threadId) {
        return task(task, unwrapper.workClass(task), executorName, state, threadId);
    }

    /** A task whose work is known to be {@code work}'s, whatever the task holds now. */
    TaskRecord task(Object task, Class<?> work, String executorName, TaskState state, long threadId) {
        return new TaskRecord(executorName, ExecutorRegistry.identity(task), work.getName(), state,
                Sites.frames(sites.siteOf(work)), threadId, 0);
    }

    /**
     * A periodic task between two runs: named by the work inside its library's decorator, if any (see
     * {@link TaskUnwrapper#innerWorkClass}), and by the site that scheduled its outer class.
     */
    private TaskRecord periodicTask(Object task, String executorName, long firstSeenMillis) {
        Class<?> scheduled = unwrapper.workClass(task);
        return new TaskRecord(executorName, ExecutorRegistry.identity(task), unwrapper.innerWorkClass(task).getName(),
                TaskState.SCHEDULED, Sites.frames(sites.siteOf(scheduled)), -1, firstSeenMillis);
    }

    /**
     * The pool's queue, or null when the pool will not show it: a subclass may keep its own queue and refuse the
     * JDK's ({@code getQueue()} of MINA's {@code OrderedThreadPoolExecutor} throws), and a snapshot must not fail
     * because of one executor. Said once per such class.
     */
    private BlockingQueue<Runnable> queueOf(ThreadPoolExecutor pool) {
        try {
            return pool.getQueue();
        } catch (RuntimeException refused) {
            if (said.add(pool.getClass().getName())) {
                Log.line("executors of " + pool.getClass().getName() + " do not show their queue (" + refused
                        + "): their queued tasks are not watched");
            }
            return null;
        }
    }

    /** Says once per class that its executors could not be read at all, and why. */
    void unreadable(Object executor, Throwable why) {
        if (said.add("unreadable " + executor.getClass().getName())) {
            Log.line("executors of " + executor.getClass().getName() + " cannot be read (" + why + "): they are left"
                    + " out of the snapshots, their threads are not");
        }
    }

    private static int dueCount(BlockingQueue<Runnable> queue) {
        int due = 0;
        int seen = 0;
        for (Runnable task : queue) {
            if (++seen > 10_000) {
                break;
            }
            if (due(task)) {
                due++;
            }
        }
        return due;
    }

    /** A periodic task is back in the queue after every run: waiting there is its normal state, not a stuck one. */
    private static boolean periodic(Runnable task) {
        return task instanceof RunnableScheduledFuture<?> f && f.isPeriodic();
    }

    private static boolean due(Runnable task) {
        return !(task instanceof Delayed d) || d.getDelay(TimeUnit.NANOSECONDS) <= 0;
    }

    /** The virtual-thread-per-task executor's live thread count, through its (opened) internal class. */
    private static long threadCount(Object executor) {
        try {
            Method m = executor.getClass().getMethod("threadCount");
            m.setAccessible(true);
            return ((Number) m.invoke(executor)).longValue();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return 0;
        }
    }
}
