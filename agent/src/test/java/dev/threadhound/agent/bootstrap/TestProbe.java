package dev.threadhound.agent.bootstrap;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one probe the unit tests install in {@link Hooks} (which takes one per JVM): it records every call as
 * {@code hook(args)} and, while {@link #failing} is on, throws as a broken probe would.
 */
public final class TestProbe implements Probe {

    public static final TestProbe INSTANCE = new TestProbe();

    static {
        Hooks.install(INSTANCE);
    }

    public final List<String> calls = new CopyOnWriteArrayList<>();
    public volatile boolean failing;

    private TestProbe() {
    }

    /** The installed probe, with nothing recorded yet. */
    public static TestProbe fresh() {
        INSTANCE.calls.clear();
        INSTANCE.failing = false;
        return INSTANCE;
    }

    private void record(String call) {
        calls.add(call);
        if (failing) {
            throw new IllegalStateException("probe failure on purpose");
        }
    }

    @Override public void threadStarting(Thread thread) { record("threadStarting(" + thread.getName() + ")"); }
    @Override public void executorCreated(Object executor) { record("executorCreated(" + executor + ")"); }
    @Override public void executorShutdown(Object executor) { record("executorShutdown(" + executor + ")"); }
    @Override public void taskSubmitted(Object executor, Object task) { record("taskSubmitted(" + executor + ", " + task + ")"); }
    @Override public void taskExecuted(Object executor, Runnable task) { record("taskExecuted(" + executor + ", " + task + ")"); }
    @Override public void taskStarting(Object executor, Runnable task) { record("taskStarting(" + executor + ", " + task + ")"); }
    @Override public void taskFinished(Object executor, Runnable task) { record("taskFinished(" + executor + ", " + task + ")"); }
    @Override public void taskRejected(Object executor, Object task) { record("taskRejected(" + executor + ", " + task + ")"); }
    @Override public void workerStarted(Object executor, Thread worker) { record("workerStarted(" + executor + ", " + worker.getName() + ")"); }
    @Override public void threadDied(Thread thread, Throwable error) { record("threadDied(" + thread.getName() + ", " + error + ")"); }
    @Override public void threadEnded(Thread thread) { record("threadEnded(" + thread.getName() + ")"); }
    @Override public void taskFailed(Object task, Throwable error) { record("taskFailed(" + task + ", " + error + ")"); }
    @Override public void taskCancelled(Object task) { record("taskCancelled(" + task + ")"); }
    @Override public void virtualThreadYielded(Thread thread) { record("virtualThreadYielded(" + thread.getName() + ")"); }
    @Override public void virtualThreadUnblocked(Thread thread) { record("virtualThreadUnblocked(" + thread.getName() + ")"); }
    @Override public void conditionSignalled() { record("conditionSignalled(" + Thread.currentThread().getName() + ")"); }
    @Override public void checkStarting() { record("checkStarting()"); }
}
