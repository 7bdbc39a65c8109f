package dev.threadhound.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hot locks counted from thread states, which every snapshot reads anyway: a thread {@code BLOCKED} on a monitor,
 * or parked on a lock's synchronizer, is one sample for that lock. Only fresh waits count (the thread's blocked or
 * waited count moved since the snapshot before, or it waited for something else then): a deadlocked pair is found
 * blocked at every snapshot too, but it is stuck, not contended. Bounded: at most {@value #LOCKS_KEPT} locks.
 *
 * @param snapshots faded number of snapshots counted
 * @param locks     the locks with samples, most sampled first
 */
public record LockSamples(double snapshots, List<SampledLock> locks) implements Serializable {

    public static final LockSamples NONE = new LockSamples(0, List.of());

    /** About this many recent snapshots count: each keeps {@code 1 - 1/WINDOW} of what it got. */
    public static final int WINDOW = 30;
    static final double FADE = 1.0 - 1.0 / WINDOW;
    static final int LOCKS_KEPT = 64;
    static final int THREADS_KEPT = 16;
    private static final String[] SYNC_SUFFIXES = {"$NonfairSync", "$FairSync", "$Sync"};
    /** Synchronizers whose parks are waits for a lock someone holds (not for a signal, a result or work). */
    private static final String LOCKS_PACKAGE = "java.util.concurrent.locks.";
    private static final String[] LOCKS = {"ReentrantLock$", "ReentrantReadWriteLock$", "StampedLock"};

    public LockSamples {
        locks = List.copyOf(locks);
    }

    /**
     * The samples of {@code previous} faded by one snapshot, plus the fresh waits of {@code now}.
     *
     * @param before    for each thread of {@code now}, itself in the snapshot before, or null
     * @param unchanged by position, or null: the thread is seen exactly as before ({@link Progress})
     */
    static LockSamples carry(LockSamples previous, List<ThreadRecord> before, List<ThreadRecord> now,
                             boolean[] unchanged, long elapsedMillis) {
        Map<String, SampledLock> byIdentity = new HashMap<>();
        for (SampledLock l : previous.locks) {
            byIdentity.put(l.identity(), new SampledLock(l.identity(), l.lock(), l.kind(), l.withWaiters() * FADE,
                    l.waitedMillis() * FADE, l.samples(), l.threadIds(), l.site()));
        }
        Map<String, List<ThreadRecord>> waiting = new HashMap<>();
        for (int i = 0; i < now.size(); i++) {
            if (unchanged != null && unchanged[i]) {
                // seen as it was: no fresh wait
                continue;
            }
            ThreadRecord t = now.get(i);
            if (kind(t) != null && fresh(before.get(i), t)) {
                waiting.computeIfAbsent(t.blockedOn(), k -> new ArrayList<>()).add(t);
            }
        }
        waiting.forEach((identity, threads) -> byIdentity.put(identity,
                sampled(byIdentity.get(identity), identity, threads, elapsedMillis)));
        List<SampledLock> kept = byIdentity.values().stream()
                .filter(l -> l.withWaiters() >= 0.5)
                .sorted(Comparator.comparingDouble(SampledLock::withWaiters).reversed()
                        .thenComparing(SampledLock::identity))
                .limit(LOCKS_KEPT)
                .toList();
        return new LockSamples(previous.snapshots * FADE + 1, kept);
    }

    /** Share of the recent snapshots that found someone freshly waiting for {@code lock}. */
    public double share(SampledLock lock) {
        return snapshots <= 0 ? 0 : lock.withWaiters() / snapshots;
    }

    private static SampledLock sampled(SampledLock old, String identity, List<ThreadRecord> threads, long elapsed) {
        Set<Long> ids = new LinkedHashSet<>(old == null ? List.of() : old.threadIds());
        List<String> site = old == null ? List.of() : old.site();
        for (ThreadRecord t : threads) {
            if (ids.size() < THREADS_KEPT) {
                ids.add(t.id());
            }
            if (site.isEmpty() && !t.stack().isEmpty()) {
                site = lockFrames(t.stack());
            }
        }
        ThreadRecord first = threads.get(0);
        return new SampledLock(identity, readable(identity), kind(first),
                (old == null ? 0 : old.withWaiters()) + 1,
                (old == null ? 0 : old.waitedMillis()) + (double) threads.size() * Math.max(0, elapsed),
                (old == null ? 0 : old.samples()) + 1, List.copyOf(ids), site);
    }

    /** {@code monitor} for a thread blocked entering a monitor, {@code park} for one parked on a lock, else null. */
    static String kind(ThreadRecord t) {
        if (t.blockedOn() == null) {
            return null;
        }
        if ("BLOCKED".equals(t.state())) {
            return "monitor";
        }
        if (("WAITING".equals(t.state()) || "TIMED_WAITING".equals(t.state())) && lockSynchronizer(t.blockedOn())) {
            return "park";
        }
        return null;
    }

    /**
     * True for the synchronizer of a lock someone holds ({@code ReentrantLock$NonfairSync@…} and the like), false for
     * any other object parked on (a latch, a queue's condition). Asked of every waiting thread every cycle: most are
     * not in {@code java.util.concurrent.locks} at all, and one check tells.
     */
    public static boolean lockSynchronizer(String blockedOn) {
        if (!blockedOn.startsWith(LOCKS_PACKAGE)) {
            return false;
        }
        for (String lock : LOCKS) {
            if (blockedOn.startsWith(lock, LOCKS_PACKAGE.length())) {
                return true;
            }
        }
        return false;
    }

    /** A wait that began since the snapshot before: its count moved, or it was not waiting for this then. */
    private static boolean fresh(ThreadRecord before, ThreadRecord now) {
        if (before == null || !now.blockedOn().equals(before.blockedOn()) || !now.state().equals(before.state())) {
            return true;
        }
        long was = "BLOCKED".equals(now.state()) ? before.blockedCount() : before.waitedCount();
        long is = "BLOCKED".equals(now.state()) ? now.blockedCount() : now.waitedCount();
        return was >= 0 && is >= 0 && is != was;
    }

    /** The frames from the lock's own (the synchronized method, or the first caller of the lock) down. */
    private static List<String> lockFrames(List<String> stack) {
        for (int i = 0; i < stack.size(); i++) {
            String method = Places.method(stack.get(i));
            if (!method.startsWith("java.util.concurrent.locks.") && !method.startsWith("jdk.internal.misc.")
                    && !method.startsWith("sun.misc.")) {
                return stack.subList(i, stack.size());
            }
        }
        return stack;
    }

    /** {@code java.util.concurrent.locks.ReentrantLock} for {@code ...ReentrantLock$NonfairSync@1b6d3586}. */
    static String readable(String identity) {
        int at = identity.indexOf('@');
        String className = at >= 0 ? identity.substring(0, at) : identity;
        for (String suffix : SYNC_SUFFIXES) {
            if (className.endsWith(suffix)) {
                return className.substring(0, className.length() - suffix.length());
            }
        }
        return className;
    }
}
