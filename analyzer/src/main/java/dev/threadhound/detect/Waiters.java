package dev.threadhound.detect;

import dev.threadhound.model.ExecutorRecord;
import dev.threadhound.model.OneShotWait;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.TaskRecord;
import dev.threadhound.model.ThreadRecord;
import dev.threadhound.model.TimedWaitRun;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The threads that wait for some others: joining one of them ({@code Thread.join} waits on the thread itself, which
 * the source names by its identity), waiting on a task one of them runs, or for the executor they work for to
 * terminate. They are stuck for as long as those are, and say who is hurt: a {@code stop()} that interrupts and joins
 * a timer thread that never ends, the {@code close()} of a pool whose task never returns.
 */
final class Waiters {

    private Waiters() {
    }

    /**
     * The threads, outside {@code awaited}, that wait for one of them; {@code withTasks}: also on a task one of them
     * runs. Reads every thread only when some of {@code awaited} have an identity a thread could wait on.
     */
    static List<ThreadRecord> of(Snapshot snapshot, List<ThreadRecord> awaited, boolean withTasks) {
        Set<String> waitedOn = new HashSet<>();
        for (ThreadRecord t : awaited) {
            if (t.identity() != null) {
                waitedOn.add(t.identity());
            }
        }
        if (waitedOn.isEmpty() && !withTasks) {
            // ten thousand threads parked on a latch, none joined: nothing boxed, no other thread read
            return List.of();
        }
        Set<Long> ids = new HashSet<>();
        awaited.forEach(t -> ids.add(t.id()));
        if (withTasks) {
            for (TaskRecord task : snapshot.tasks()) {
                if (ids.contains(task.threadId())) {
                    waitedOn.add(task.identity());
                }
            }
        }
        return waitingOn(snapshot, waitedOn, ids);
    }

    /**
     * The threads waiting for the executor named {@code executor} to terminate ({@code awaitTermination}, the
     * {@code close()} of a try-with-resources), outside {@code workers}: a task that never returns holds them.
     */
    static List<ThreadRecord> ofTermination(Snapshot snapshot, String executor, List<ThreadRecord> workers) {
        // every executor of that name, as the finding groups their workers
        Set<String> signals = new HashSet<>();
        for (ExecutorRecord e : snapshot.executors()) {
            if (e.name().equals(executor) && e.terminationIdentity() != null) {
                signals.add(e.terminationIdentity());
            }
        }
        if (signals.isEmpty()) {
            return List.of();
        }
        Set<Long> ids = new HashSet<>();
        workers.forEach(t -> ids.add(t.id()));
        return waitingOn(snapshot, signals, ids);
    }

    /** The threads, but those of {@code except}, waiting on one of {@code waitedOn}, by id. */
    private static List<ThreadRecord> waitingOn(Snapshot snapshot, Set<String> waitedOn, Set<Long> except) {
        if (waitedOn.isEmpty()) {
            return List.of();
        }
        return snapshot.threads().stream()
                .filter(t -> !except.contains(t.id()) && waitedOn.contains(waitsOn(t)))
                .sorted(Comparator.comparingLong(ThreadRecord::id))
                .toList();
    }

    /**
     * What {@code t} waits on: what it is seen waiting on, else, caught running between two turns of a wait it keeps
     * going back to, that wait: a {@code stop()} that joins for 100 ms at a time, a join retried after an interrupt
     * ({@link dev.threadhound.model.ThreadHistory}). On a crowded machine a look can find such a thread woken and
     * waiting for a core; null when it waits on nothing.
     */
    private static String waitsOn(ThreadRecord t) {
        if (t.blockedOn() != null) {
            return t.blockedOn();
        }
        TimedWaitRun timed = t.history().timed();
        if (timed != null && !timed.sleeps()) {
            return timed.blockedOn();
        }
        OneShotWait oneShot = t.history().oneShot();
        return oneShot != null ? oneShot.blockedOn() : null;
    }

    /** Where {@code t} waits: its stack, or, caught between two turns of a timed wait, the stack of its last turn. */
    private static List<String> waitStack(ThreadRecord t) {
        TimedWaitRun timed = t.history().timed();
        return t.blockedOn() == null && timed != null && !timed.sleeps() && !timed.stack().isEmpty()
                ? timed.stack() : t.stack();
    }

    /**
     * {@code ; main waits for them in Thread.join} ({@code full} false: the JDK method the first waiter called), or
     * {@code ; main waits for it in Thread.join at HashedWheelTimer.stop(...) via Billing.close(...)} ({@code full}).
     */
    static String phrase(List<ThreadRecord> waiters, boolean one, boolean full) {
        if (waiters.isEmpty()) {
            return "";
        }
        List<String> stack = waitStack(waiters.get(0));
        int app = Frames.firstApplicationIndex(stack);
        String where = full ? Phrases.callSite(stack)
                : app > 0 ? " in " + Frames.shortMethod(stack.get(app - 1)) : "";
        List<String> names = waiters.stream().map(Phrases::name).toList();
        return "; " + Phrases.names(names, names.size()) + (waiters.size() == 1 ? " waits" : " wait")
                + (one ? " for it" : " for them") + where;
    }
}
