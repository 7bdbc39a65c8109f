package dev.threadhound.agent.snapshot;

import dev.threadhound.detect.ThreadRole;
import dev.threadhound.model.LockSamples;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Which threads that do not look blocked get a look at their stack this cycle, chosen from the cheap scan (state,
 * lock, CPU time) and capped per cycle, since each look is part of one {@code getThreadInfo} call with stacks, which
 * pauses every thread (40 stacks took 17–19 ms at 10,000 threads here, 2.7 ms at 1,000: {@code bench.StackLookCost}):
 * <ul>
 *   <li>hot: {@code RUNNABLE} at this cycle and the one before, with CPU time grown (a spinning loop gets little on a
 *       busy machine, but some), every cycle, at most {@value #HOT_PER_CYCLE}, longest unlooked first: on a starved
 *       machine one handshake can spend the cycle's stack budget, and a second spinner always behind the first
 *       would never be looked at;</li>
 *   <li>timed waiters: {@code TIMED_WAITING} on the same object as the cycle before, or asleep at both, not a pool
 *       worker (a polling loop), every {@value #TIMED_EVERY_CYCLES}th cycle, at most {@value #TIMED_PER_CYCLE},
 *       longest unlooked first; between looks their last stack is carried, since they have not left the wait. A look
 *       that finds the stack of the look before doubles the cycles to the next, up to {@value #TIMED_EVERY_MOST}: on
 *       JDK 17 a look stops every thread, and among ten thousand threads a stop lasts 3.5-20 ms, mostly spent reaching it
 *       (a ticker thread that wants to run every 10 ms was late by that much at each one);</li>
 *   <li>lock waiters: {@code BLOCKED}, or parked on a lock, whose wait is new (a hot lock's site), at most
 *       {@value #LOCK_PER_CYCLE};</li>
 *   <li>quiet runners: {@code RUNNABLE} at this cycle and the one before without any CPU time gained, not yet looked
 *       at in this run, at most {@value #QUIET_PER_CYCLE}: a thread in native code the whole time, a selector waiting
 *       for events most often. One look each; the detectors carry it for as long as the run lasts.</li>
 * </ul>
 * The JVM's threads and the agent's own are looked at only when they wait for a lock (a deadlock may go through
 * them): nothing judges where they run or sleep, and at rest they were most of the looks (the JFR stream's threads,
 * the cleaner's queue, the agent's loop between cycles).
 * At most {@value #HOT_PER_CYCLE} + {@value #TIMED_PER_CYCLE} + {@value #LOCK_PER_CYCLE} + {@value #QUIET_PER_CYCLE}
 * extra stacks a cycle, whatever the number of threads. Used by the one detector loop only.
 */
final class SuspectLooks {

    static final int HOT_PER_CYCLE = 16;
    static final int TIMED_PER_CYCLE = 16;
    static final int LOCK_PER_CYCLE = 8;
    static final int QUIET_PER_CYCLE = 8;
    static final int TIMED_EVERY_CYCLES = 4;
    static final int TIMED_EVERY_MOST = 32;
    private static final List<String> NO_STACK = List.of();

    /**
     * What the looks remember of one thread between cycles, as fields of its {@link ThreadRead}: a second object per
     * thread was one more cache line a cycle read out of memory for each of ten thousand threads. The {@code last}
     * fields are what the last {@link #pick} found; {@code lastState} is null before the thread's first.
     */
    abstract static class Seen {
        Thread.State lastState;
        String lastLock;
        long lastCpu = -1;
        long lastBlocked;
        long lastWaited;
        long lookedAtCycle = -1;
        long hotLookedAtCycle = -1;
        /** Cycles from one look at it in its timed wait to the next. */
        int timedEvery = TIMED_EVERY_CYCLES;
        /** Its stack was taken since it last became {@code RUNNABLE}. */
        boolean lookedInThisRun;
        List<String> timedStack = NO_STACK;
    }

    private long cycle;

    /**
     * What to look at this cycle, by scan position: {@code urgent} this very cycle, and the quiet runners' {@code once}
     * looks, cheap and few (see {@link StackRequests#once}).
     */
    record Picked(List<Integer> urgent, List<Integer> once) {
    }

    /**
     * Scan positions to look at this cycle, besides those {@code alreadyDue}; {@code workers} are pool workers (their
     * tasks leak, not they). Both by scan position, like {@code reads} and {@code cpu}: nothing is boxed per thread.
     */
    Picked pick(ThreadRead[] reads, long[] cpu, boolean[] alreadyDue, boolean[] workers) {
        cycle++;
        List<Integer> hot = new ArrayList<>();
        List<Integer> timed = new ArrayList<>();
        List<Integer> locks = new ArrayList<>();
        List<Integer> quiet = new ArrayList<>();
        for (int i = 0; i < reads.length; i++) {
            ThreadRead read = reads[i];
            if (read == null) {
                continue;
            }
            Thread.State state = read.state();
            String lock = read.lockName();
            // a sleep waits on nothing: a thread asleep at both cycles may be in a loop of sleeps
            boolean sameWait = state == read.lastState && (lock != null ? lock.equals(read.lastLock)
                    : read.lastLock == null && state == Thread.State.TIMED_WAITING);
            if (!alreadyDue[i]) {
                boolean running = state == Thread.State.RUNNABLE && read.lastState == Thread.State.RUNNABLE
                        && read.lastCpu >= 0;
                if (running && cpu[i] > read.lastCpu) {
                    if (judged(read)) {
                        hot.add(i);
                    }
                } else if (running && cpu[i] == read.lastCpu && !read.lookedInThisRun) {
                    if (quiet.size() < QUIET_PER_CYCLE && judged(read)) {
                        quiet.add(i);
                    }
                } else if (state == Thread.State.TIMED_WAITING && sameWait && !workers[i]
                        && (read.lookedAtCycle < 0 || cycle - read.lookedAtCycle >= read.timedEvery)) {
                    if (judged(read)) {
                        timed.add(i);
                    }
                } else if ((!sameWait || read.blocked() != read.lastBlocked || read.waited() != read.lastWaited)
                        && lockWait(state, lock)) { // the lock's name is read last: most waits have not moved
                    locks.add(i);
                }
            }
            // written only when changed: a reference written into an old object costs the collector a card each
            // cycle, ten thousand of them for threads that have not moved
            if ((!sameWait || state != Thread.State.TIMED_WAITING)
                    && (read.timedStack != NO_STACK || read.lookedAtCycle >= 0)) {
                read.timedStack = NO_STACK;
                read.lookedAtCycle = -1;
                read.timedEvery = TIMED_EVERY_CYCLES;
            }
            if (read.lastState != state) {
                read.lastState = state;
                read.lookedInThisRun = false;
            }
            if (read.lastLock != lock) {
                read.lastLock = lock;
            }
            read.lastCpu = cpu[i];
            read.lastBlocked = read.blocked();
            read.lastWaited = read.waited();
        }
        List<Integer> out = new ArrayList<>();
        longestUnlookedFirst(hot, reads, s -> s.hotLookedAtCycle, HOT_PER_CYCLE, out);
        longestUnlookedFirst(timed, reads, s -> s.lookedAtCycle, TIMED_PER_CYCLE, out);
        out.addAll(locks.subList(0, Math.min(locks.size(), LOCK_PER_CYCLE)));
        return new Picked(out, quiet);
    }

    /** Adds at most {@code most} of {@code positions} (in {@code reads}), longest unlooked (or never looked) first. */
    private static void longestUnlookedFirst(List<Integer> positions, ThreadRead[] reads,
                                             ToLongFunction<Seen> lookedAt, int most, List<Integer> out) {
        positions.stream().sorted(Comparator.comparingLong(p -> lookedAt.applyAsLong(reads[p]))).limit(most)
                .forEach(out::add);
    }

    /** Whether a detector judges where the thread runs or sleeps: not one of the JVM's or the agent's own. */
    private static boolean judged(ThreadRead read) {
        return ThreadRole.byName(read.name()) == null;
    }

    static boolean lockWait(Thread.State state, String lock) {
        if (lock == null) {
            return false;
        }
        if (state == Thread.State.BLOCKED) {
            return true;
        }
        return (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                && LockSamples.lockSynchronizer(lock);
    }

    /** A stack was taken for the thread this cycle. */
    void looked(ThreadRead read, List<String> stack) {
        if (read.state() == Thread.State.TIMED_WAITING) {
            read.timedEvery = read.timedStack.equals(stack) ? Math.min(2 * read.timedEvery, TIMED_EVERY_MOST)
                    : TIMED_EVERY_CYCLES;
            read.lookedAtCycle = cycle;
            read.timedStack = stack;
        } else if (read.state() == Thread.State.RUNNABLE) {
            read.hotLookedAtCycle = cycle;
            read.lookedInThisRun = true;
        }
    }

    /** The stack of a timed waiter's last look while it has not left that wait; empty otherwise. */
    List<String> carried(ThreadRead read) {
        return read.timedStack;
    }
}
