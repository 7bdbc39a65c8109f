package dev.threadhound.agent.track;

import dev.threadhound.agent.bootstrap.Probe;
import dev.threadhound.model.DeathRecord;
import dev.threadhound.model.TaskRecord;
import dev.threadhound.model.TaskState;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The probe the instrumented JDK calls. Rare events (thread start, executor creation) capture a stack; the
 * per-task path costs a few nanoseconds: a thread-local read on each side (the submitting thread's also tells
 * whether the task's class has its submission site already: {@link LastExecutor}), and the timing of a task now and then: every task of an executor, one at a time, until it has
 * {@value #TIME_EVERY_TASK_UNTIL} timings (so an executor that ran ten tasks is measured too), then one in
 * {@value #SAMPLE_ONE_IN}.
 */
public final class RecordingProbe implements Probe {

    static final int TIME_EVERY_TASK_UNTIL = 32;
    static final int SAMPLE_ONE_IN = 64;
    /** A sampled task that never ran (removed, rejected, dropped by shutdownNow) is given up after this. */
    private static final long SAMPLE_GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(10);
    /** Frames of a dying thread's exception kept: where it was thrown and the calls that led there. */
    static final int DEATH_FRAMES = 16;
    /** An exception's text beyond this is cut: a message can carry a whole payload. */
    static final int EXCEPTION_CHARS = 500;

    private final ThreadRegistry threads;
    private final ExecutorRegistry executors;
    private final TaskSites sites;
    private final ThreadLocal<WorkerSlot> currentWorker = new ThreadLocal<>();
    /** The executor a thread last handed a task to: the next task usually goes to the same one. */
    private final ThreadLocal<LastExecutor> lastExecutor = ThreadLocal.withInitial(LastExecutor::new);
    private volatile TaskTimings timings = TaskTimings.NONE;
    private volatile TaskUnwrapper unwrapper;
    /** Whether the executor-creation hook ever ran, on any thread: the self-check's proof that it is in. */
    private volatile boolean executorHookFired;

    public RecordingProbe(ThreadRegistry threads, ExecutorRegistry executors, TaskSites sites) {
        this.threads = threads;
        this.executors = executors;
        this.sites = sites;
    }

    public void timings(TaskTimings value) {
        this.timings = value;
    }

    public boolean executorHookFired() {
        return executorHookFired;
    }

    @Override
    public void threadStarting(Thread thread) {
        threads.started(thread, isOwn(thread));
    }

    @Override
    public void executorCreated(Object executor) {
        if (!executorHookFired) {
            executorHookFired = true;
        }
        if (!isOwn(Thread.currentThread())) {
            executors.created(executor, Sites.capture());
        }
    }

    @Override
    public void executorShutdown(Object executor) {
        ExecutorOrigin origin = executors.get(executor);
        if (origin != null) {
            origin.shutdown = true;
        }
    }

    @Override
    public void taskSubmitted(Object executor, Object task) {
        if (task != null && !lastExecutor().sameTaskClass(task.getClass())) {
            sites.submitted(task);
        }
    }

    @Override
    public void taskExecuted(Object executor, Runnable task) {
        if (task == null) {
            return;
        }
        LastExecutor last = lastExecutor();
        if (!(task instanceof FutureTask) && !last.sameTaskClass(task.getClass())) {
            // a FutureTask comes from submit(), whose hook already saw the work it wraps
            sites.submitted(task);
        }
        if (executor instanceof ScheduledThreadPoolExecutor) {
            return;
        }
        ExecutorOrigin origin = last.origin(executor, executors);
        if (origin != null && (origin.timedTasks < TIME_EVERY_TASK_UNTIL
                || ThreadLocalRandom.current().nextInt(SAMPLE_ONE_IN) == 0)) {
            // A sample that a worker has already picked up is its business now: the next one may begin.
            Sample current = origin.sample.get();
            long now = System.nanoTime();
            if (current == null || current.started || now - current.submitNanos > SAMPLE_GIVE_UP_NANOS) {
                origin.sample.compareAndSet(current, new Sample(task, now));
            }
        }
    }

    @Override
    public void taskStarting(Object executor, Runnable task) {
        WorkerSlot slot = currentWorker.get();
        if (slot != null) {
            slot.task = task;
            Sample sample = slot.executor.sample.get();
            if (sample != null && sample.task == task) {
                long now = System.nanoTime();
                sample.started = true;
                slot.sample = sample;
                slot.sampledStartNanos = now;
                slot.sampledWaitNanos = now - sample.submitNanos;
            }
        }
    }

    @Override
    public void taskFinished(Object executor, Runnable task) {
        WorkerSlot slot = currentWorker.get();
        if (slot != null) {
            slot.task = null;
            slot.taskEnded(task);
            if (slot.sampledStartNanos != 0) {
                long run = System.nanoTime() - slot.sampledStartNanos;
                slot.sampledStartNanos = 0;
                slot.executor.sample.compareAndSet(slot.sample, null);
                slot.sample = null;
                slot.executor.timedTasks++;
                timings.record(slot.executor, slot.sampledWaitNanos, run);
            }
        }
    }

    @Override
    public void taskRejected(Object executor, Object task) {
        ExecutorOrigin origin = executors.get(executor);
        if (origin != null) {
            origin.rejected.increment();
            Sample sample = origin.sample.get();
            if (sample != null && sample.task == task) {
                origin.sample.compareAndSet(sample, null);
            }
        }
    }

    @Override
    public void workerStarted(Object executor, Thread worker) {
        ExecutorOrigin origin = executors.get(executor);
        if (origin == null && executor instanceof ThreadPoolExecutor && !isOwn(worker)) {
            // a pool older than the agent (attached later): known from now on, without a creation site
            origin = executors.adopt(executor);
        }
        if (origin == null) {
            return;
        }
        WorkerSlot slot = new WorkerSlot(origin, WorkerSlot.queueToWatch(executor));
        currentWorker.set(slot);
        ThreadOrigin thread = threads.get(worker);
        if (thread != null) {
            thread.worker = slot;
        }
        if (origin.threadNamePrefix == null) {
            origin.threadNamePrefix = ExecutorNames.prefixOf(worker.getName());
        }
    }

    /**
     * On the dying thread, before its own uncaught-exception handler runs. A pool worker is counted for its pool,
     * which replaces it; every death is kept as text (a few microseconds, on a path that ends a thread anyway).
     */
    @Override
    public void threadDied(Thread thread, Throwable error) {
        if (isOwn(thread)) {
            return;
        }
        ThreadOrigin origin = threads.adopt(thread);
        WorkerSlot slot = origin != null ? origin.worker() : null;
        ExecutorOrigin pool = slot != null ? slot.executor()
                : thread instanceof ForkJoinWorkerThread fj ? executors.get(fj.getPool()) : null;
        if (pool != null) {
            pool.workerDeaths.increment();
        }
        threads.deaths().add(new DeathRecord(thread.getId(), thread.getName(), thread.isDaemon(),
                pool != null ? ExecutorNames.name(pool) : null,
                origin != null ? origin.site().text() : List.of(), origin != null ? origin.parentId() : -1,
                describe(error), top(error), System.currentTimeMillis(), origin != null ? origin.waits() : List.of()));
    }

    @Override
    public void threadEnded(Thread thread) {
        threads.ended(thread);
    }

    /** A virtual thread's waits in {@code Object.wait}, counted on its origin: the JDK counts none. */
    @Override
    public void virtualThreadYielded(Thread thread) {
        if (VirtualStates.waitingInObjectWait(thread)) {
            ThreadOrigin origin = threads.adopt(thread);
            if (origin != null) {
                origin.monitorWaitBegins();
            }
        }
    }

    /** A virtual thread's blocks on a monitor, counted on its origin as they end: the JDK counts none. */
    @Override
    public void virtualThreadUnblocked(Thread thread) {
        ThreadOrigin origin = threads.adopt(thread);
        if (origin != null) {
            origin.monitorBlockEnds();
        }
    }

    /** A timed wait on a {@code Condition} ended by a signal, counted on the waiting thread's origin. */
    @Override
    public void conditionSignalled() {
        ThreadOrigin origin = threads.get(Thread.currentThread());
        if (origin != null) {
            origin.signalled();
        }
    }

    /**
     * A periodic task that threw is cancelled by its scheduler, its exception kept in its future, which nobody asks:
     * recorded as text, with the work inside and the site that scheduled it. Other tasks' failures reach whoever
     * reads their futures, and are left alone.
     */
    @Override
    public void taskFailed(Object task, Throwable error) {
        if (!(task instanceof RunnableScheduledFuture<?> scheduled) || !scheduled.isPeriodic()) {
            return;
        }
        WorkerSlot slot = currentWorker.get();
        TaskUnwrapper unwrap = unwrapper();
        Class<?> work = unwrap.workClass(task);
        executors.stoppedTasks().add(new TaskRecord(slot != null ? ExecutorNames.name(slot.executor()) : null,
                ExecutorRegistry.identity(task), unwrap.innerWorkClass(task).getName(), TaskState.STOPPED,
                Sites.frames(sites.siteOf(work)), Thread.currentThread().getId(), System.currentTimeMillis(),
                new TaskRecord.Failure(describe(error), top(error))));
    }

    /**
     * Only a task running now matters: its worker stays in it, and the cycle must still be able to name the work and
     * where it was submitted. A queued task that was cancelled does nothing when its turn comes.
     */
    @Override
    public void taskCancelled(Object task) {
        TaskUnwrapper unwrap = unwrapper();
        Thread runner = unwrap.runner(task);
        ThreadOrigin origin = runner != null ? threads.get(runner) : null;
        WorkerSlot slot = origin != null ? origin.worker() : null;
        if (slot != null && slot.task == task) {
            slot.cancelled(task, unwrap.workClass(task));
        }
    }

    @Override
    public void checkStarting() {
        sites.renew();
        threads.renewSites();
        lastExecutor().forgetTaskClass();
    }

    /** Made at the first failure or cancel: it reads the JDK's private fields, which nothing else needs until then. */
    private TaskUnwrapper unwrapper() {
        TaskUnwrapper known = unwrapper;
        if (known == null) {
            known = new TaskUnwrapper();
            unwrapper = known;
        }
        return known;
    }

    private LastExecutor lastExecutor() {
        return ThreadKinds.isVirtual(Thread.currentThread()) ? LastExecutor.NONE : lastExecutor.get();
    }

    private static String describe(Throwable error) {
        String text = String.valueOf(error);
        return text.length() <= EXCEPTION_CHARS ? text : text.substring(0, EXCEPTION_CHARS) + "...";
    }

    private static List<String> top(Throwable error) {
        StackTraceElement[] trace = error == null ? new StackTraceElement[0] : error.getStackTrace();
        List<String> out = new ArrayList<>(Math.min(trace.length, DEATH_FRAMES));
        for (int i = 0; i < trace.length && i < DEATH_FRAMES; i++) {
            out.add(trace[i].toString());
        }
        return out;
    }

    /** The agent's own threads and pools are never the application's problem. */
    private static boolean isOwn(Thread thread) {
        return thread.getName().startsWith("threadhound-");
    }

    /** The task of an executor whose queue wait is being timed now; once a worker starts it, the next may begin. */
    static final class Sample {
        final Object task;
        final long submitNanos;
        volatile boolean started;

        Sample(Object task, long submitNanos) {
            this.task = task;
            this.submitNanos = submitNanos;
        }
    }
}
