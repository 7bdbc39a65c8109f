package dev.threadhound.detect;

import dev.threadhound.finding.FindingThread;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Where a thread is stuck and where it was started. Threads with the same site are one problem: five thousand
 * virtual threads parked at one line are one finding with a count, not five thousand findings.
 *
 * @param frames    the whole stack of a platform thread; for a virtual thread only the frames down to the first
 *                  application frame, since the frames below vary with how the thread was scheduled
 * @param createdAt the creation site
 */
record StuckSite(List<String> frames, List<String> createdAt) {

    /** A finding lists at most this many threads; {@code count} says how many there were. */
    static final int THREADS_SHOWN = 10;

    private static final int VIRTUAL_FRAMES_WITHOUT_APPLICATION = 8;

    static StuckSite of(ThreadRecord thread) {
        List<String> stack = thread.stack();
        int app = Frames.firstApplicationIndex(stack);
        if (!thread.virtual()) {
            return new StuckSite(app > 0 ? withoutJdkLines(stack, app) : stack, thread.createdAt());
        }
        int end = app >= 0 ? app + 1 : Math.min(stack.size(), VIRTUAL_FRAMES_WITHOUT_APPLICATION);
        return new StuckSite(stack.subList(0, end), thread.createdAt());
    }

    /**
     * The JDK's frames above the first application frame as methods without their lines: the first of several threads
     * waiting for a {@code StampedLock} parks at another line of {@code acquireRead} than the others, and is stuck at
     * the same place all the same.
     */
    private static List<String> withoutJdkLines(List<String> stack, int app) {
        List<String> out = new ArrayList<>(stack.size());
        for (int i = 0; i < stack.size(); i++) {
            out.add(i < app ? Frames.method(stack.get(i)) : stack.get(i));
        }
        return out;
    }

    /**
     * Longest stalled first (the earliest last progress), then by id, so that a finding and its thread list are the
     * same run after run.
     */
    static final Comparator<ThreadRecord> LONGEST_FIRST = Comparator.comparingLong(ThreadRecord::stalledSince)
            .thenComparingLong(ThreadRecord::id);

    /**
     * The threads a finding lists: those whose stack was taken first, each part longest stalled first, at most
     * {@link #THREADS_SHOWN}. Picks them without sorting the whole group, which may hold a hundred thousand.
     */
    static List<ThreadRecord> listed(Collection<ThreadRecord> threads) {
        Comparator<ThreadRecord> order = StuckSite::listedFirst;
        PriorityQueue<ThreadRecord> last = new PriorityQueue<>(THREADS_SHOWN + 1, order.reversed());
        for (ThreadRecord t : threads) {
            if (last.size() == THREADS_SHOWN && order.compare(t, last.peek()) >= 0) {
                continue;
            }
            last.add(t);
            if (last.size() > THREADS_SHOWN) {
                last.poll();
            }
        }
        List<ThreadRecord> out = new ArrayList<>(last);
        out.sort(order);
        return out;
    }

    /** Threads with a stack before those without, then {@link #LONGEST_FIRST}; asked once per thread of a group. */
    private static int listedFirst(ThreadRecord a, ThreadRecord b) {
        boolean aWithout = a.stack().isEmpty();
        if (aWithout != b.stack().isEmpty()) {
            return aWithout ? 1 : -1;
        }
        int bySince = Long.compare(a.stalledSince(), b.stalledSince());
        return bySince != 0 ? bySince : Long.compare(a.id(), b.id());
    }

    static List<FindingThread> shown(List<ThreadRecord> threads) {
        return threads.stream().limit(THREADS_SHOWN).map(FindingThread::of).toList();
    }

    static List<String> names(List<ThreadRecord> threads) {
        return threads.stream().limit(THREADS_SHOWN).map(Phrases::name).toList();
    }

    static String describe(List<ThreadRecord> threads) {
        return describe(threads, threads.size(), threads.stream().allMatch(ThreadRecord::virtual));
    }

    /** {@code 5000 virtual threads (#5999, #5998, #5997 and 4997 more)}, naming the {@code listed} ones first. */
    static String describe(List<ThreadRecord> listed, int count, boolean allVirtual) {
        String kind = allVirtual ? "virtual thread" : "thread";
        if (count == 1) {
            return kind + " " + Phrases.name(listed.get(0));
        }
        return count + " " + kind + "s (" + Phrases.names(names(listed), count) + ")";
    }
}
