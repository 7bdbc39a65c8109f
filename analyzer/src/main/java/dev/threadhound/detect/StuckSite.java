package dev.threadhound.detect;

import dev.threadhound.finding.FindingThread;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

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
        if (!thread.virtual()) {
            return new StuckSite(stack, thread.createdAt());
        }
        int app = Frames.firstApplicationIndex(stack);
        int end = app >= 0 ? app + 1 : Math.min(stack.size(), VIRTUAL_FRAMES_WITHOUT_APPLICATION);
        return new StuckSite(stack.subList(0, end), thread.createdAt());
    }

    /** Longest stalled first, then by id, so that a finding and its thread list are the same run after run. */
    static List<ThreadRecord> longestFirst(Snapshot snapshot, Collection<ThreadRecord> threads) {
        return threads.stream()
                .sorted(Comparator.comparingLong((ThreadRecord t) -> -Stall.of(snapshot, t))
                        .thenComparingLong(ThreadRecord::id))
                .toList();
    }

    static List<FindingThread> shown(List<ThreadRecord> threads) {
        return threads.stream().limit(THREADS_SHOWN).map(FindingThread::of).toList();
    }

    static List<String> names(List<ThreadRecord> threads) {
        return threads.stream().limit(THREADS_SHOWN).map(Phrases::name).toList();
    }

    static String describe(List<ThreadRecord> threads) {
        boolean allVirtual = threads.stream().allMatch(ThreadRecord::virtual);
        String kind = allVirtual ? "virtual thread" : "thread";
        if (threads.size() == 1) {
            return kind + " " + Phrases.name(threads.get(0));
        }
        return threads.size() + " " + kind + "s (" + Phrases.names(names(threads), threads.size()) + ")";
    }
}
