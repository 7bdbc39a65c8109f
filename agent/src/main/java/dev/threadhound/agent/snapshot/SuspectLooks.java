package dev.threadhound.agent.snapshot;

import dev.threadhound.model.LockSamples;

import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which threads that do not look blocked get a look at their stack this cycle, chosen from the cheap scan (state,
 * lock, CPU time) and capped per cycle, since each look is part of one {@code getThreadInfo} call with stacks, which
 * pauses every thread (40 stacks took 17–19 ms at 10,000 threads here, 2.7 ms at 1,000: {@code bench.StackLookCost}):
 * <ul>
 *   <li>hot: {@code RUNNABLE} at this cycle and the one before, with CPU time grown (a spinning loop gets little on a
 *       busy machine, but some), every cycle, at most {@value #HOT_PER_CYCLE};</li>
 *   <li>timed waiters: {@code TIMED_WAITING} on the same object as the cycle before, not a pool worker (a polling
 *       loop), every {@value #TIMED_EVERY_CYCLES}th cycle, at most {@value #TIMED_PER_CYCLE}, longest unlooked
 *       first; between looks their last stack is carried, since they have not left the wait;</li>
 *   <li>lock waiters: {@code BLOCKED}, or parked on a lock, whose wait is new (a hot lock's site), at most
 *       {@value #LOCK_PER_CYCLE}.</li>
 * </ul>
 * At most {@value #HOT_PER_CYCLE} + {@value #TIMED_PER_CYCLE} + {@value #LOCK_PER_CYCLE} extra stacks a cycle,
 * whatever the number of threads. Used by the one detector loop only.
 */
final class SuspectLooks {

    static final int HOT_PER_CYCLE = 16;
    static final int TIMED_PER_CYCLE = 16;
    static final int LOCK_PER_CYCLE = 8;
    static final int TIMED_EVERY_CYCLES = 4;

    private static final class Seen {
        Thread.State state;
        String lock;
        long cpu = -1;
        long blocked;
        long waited;
        long lookedAtCycle = -1;
        List<String> timedStack = List.of();
        long seenAtCycle;
    }

    private final Map<Long, Seen> seen = new HashMap<>();
    private long cycle;

    /** Ids to look at this cycle, besides {@code alreadyDue}; {@code workers} are pool workers (their tasks leak, not they). */
    List<Long> pick(ThreadInfo[] infos, long[] cpu, Set<Long> alreadyDue, Set<Long> workers) {
        cycle++;
        List<Long> hot = new ArrayList<>();
        List<Seen> timedSeen = new ArrayList<>();
        List<Long> timed = new ArrayList<>();
        List<Long> locks = new ArrayList<>();
        for (int i = 0; i < infos.length; i++) {
            ThreadInfo info = infos[i];
            if (info == null) {
                continue;
            }
            long id = info.getThreadId();
            Seen before = seen.computeIfAbsent(id, k -> new Seen());
            Thread.State state = info.getThreadState();
            String lock = info.getLockName();
            boolean sameWait = state == before.state && lock != null && lock.equals(before.lock);
            if (!alreadyDue.contains(id)) {
                if (state == Thread.State.RUNNABLE && before.state == Thread.State.RUNNABLE
                        && before.cpu >= 0 && cpu[i] > before.cpu) {
                    hot.add(id);
                } else if (state == Thread.State.TIMED_WAITING && sameWait && !workers.contains(id)
                        && (before.lookedAtCycle < 0 || cycle - before.lookedAtCycle >= TIMED_EVERY_CYCLES)) {
                    timed.add(id);
                    timedSeen.add(before);
                } else if (lockWait(state, lock) && (!sameWait || info.getBlockedCount() != before.blocked
                        || info.getWaitedCount() != before.waited)) {
                    locks.add(id);
                }
            }
            if (!sameWait || state != Thread.State.TIMED_WAITING) {
                before.timedStack = List.of();
                before.lookedAtCycle = -1;
            }
            before.seenAtCycle = cycle;
            before.state = state;
            before.lock = lock;
            before.cpu = cpu[i];
            before.blocked = info.getBlockedCount();
            before.waited = info.getWaitedCount();
        }
        // threads gone since are forgotten here, without a set of the live ones
        seen.values().removeIf(s -> s.seenAtCycle != cycle);
        List<Long> out = new ArrayList<>(hot.subList(0, Math.min(hot.size(), HOT_PER_CYCLE)));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < timed.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> timedSeen.get(i).lookedAtCycle));
        order.stream().limit(TIMED_PER_CYCLE).forEach(i -> out.add(timed.get(i)));
        out.addAll(locks.subList(0, Math.min(locks.size(), LOCK_PER_CYCLE)));
        return out;
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

    /** A stack was taken for {@code id} this cycle. */
    void looked(long id, Thread.State state, List<String> stack) {
        Seen s = seen.get(id);
        if (s != null && state == Thread.State.TIMED_WAITING) {
            s.lookedAtCycle = cycle;
            s.timedStack = stack;
        }
    }

    /** The stack of a timed waiter's last look while it has not left that wait; empty otherwise. */
    List<String> carried(long id) {
        Seen s = seen.get(id);
        return s == null ? List.of() : s.timedStack;
    }
}
