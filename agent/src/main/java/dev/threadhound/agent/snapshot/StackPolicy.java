package dev.threadhound.agent.snapshot;

import java.time.Duration;
import java.util.List;

/** How many stacks a snapshot may take, and which, by who asks for it. */
enum StackPolicy {
    /**
     * The periodic cycle: stacks of threads that stayed waiting, a budgeted number per cycle, small enough that the
     * cycle stays short while thousands of threads appear.
     */
    SUSPECTS(Duration.ofMillis(5), 2_000),
    /** {@code /threads}: every thread's, within a request's budget (a person waits); the rest are shown without. */
    EVERY_THREAD_WITHIN_BUDGET(Duration.ofMillis(25), 20_000),
    /** A tool asking once about a few threads (the JUnit check): every thread's, whatever it costs. */
    EVERY_THREAD(Duration.ofDays(1), Integer.MAX_VALUE);

    private final Duration time;
    private final int most;

    StackPolicy(Duration time, int most) {
        this.time = time;
        this.most = most;
    }

    /** A budget starting now, whose first {@code once} stacks are taken whatever the time. */
    StackBudget budget(int once) {
        return new StackBudget(time, most, once);
    }

    /** The most stacks one snapshot may take. */
    int mostStacks() {
        return most;
    }

    /**
     * The periodic cycle wants the stack of a thread that stayed waiting for a whole cycle ({@code DUE}); a request
     * for every thread wants any stack it has not got (threads alike standing in for it are not its own), and never
     * trusts a kept one of a running thread.
     */
    boolean wants(Thread.State state, StackCache.Verdict v) {
        if (this == SUSPECTS) {
            return v == StackCache.Verdict.DUE && waiting(state);
        }
        return v != StackCache.Verdict.CACHED || state == Thread.State.RUNNABLE || state == Thread.State.NEW;
    }

    /**
     * The stack a record shows: a waiting thread's kept one (it has not moved since), a timed-waiting thread's kept
     * one to a request for every thread, any other only when taken in this very scan.
     */
    List<String> shown(Thread.State state, StackCache.Entry entry, long cycle) {
        boolean kept = waiting(state) || (this != SUSPECTS && state == Thread.State.TIMED_WAITING);
        return kept || entry.takenIn(cycle) ? entry.stack() : List.of();
    }

    private static boolean waiting(Thread.State state) {
        return state == Thread.State.WAITING || state == Thread.State.BLOCKED;
    }
}
