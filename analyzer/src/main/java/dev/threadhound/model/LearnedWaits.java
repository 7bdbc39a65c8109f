package dev.threadhound.model;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The longest wait a thread has come back from at each place it waited (at most {@value #PLACES} places, the
 * shortest forgotten first). A consumer that woke up at a place before is judged against its own history there:
 * an audit writer whose events come every few minutes is not stuck after the first quiet minute.
 *
 * @param longestByPlace longest completed wait in millis, keyed by {@link #place(ThreadRecord)}
 */
public record LearnedWaits(Map<String, Long> longestByPlace) implements Serializable {

    public static final LearnedWaits NONE = new LearnedWaits(Map.of());

    static final int PLACES = 4;

    public LearnedWaits {
        longestByPlace = Map.copyOf(longestByPlace);
    }

    /**
     * Where a thread waits, as far as two waits count as the same: the object it waits on ({@code blockedOn}: a
     * queue's condition, a monitor), which the cheap scan reads without a stack; else its whole stack (a virtual
     * thread's park names no object). Null when neither is known.
     */
    public static String place(ThreadRecord thread) {
        if (thread.blockedOn() != null) {
            return thread.blockedOn();
        }
        List<String> stack = thread.stack();
        return stack.isEmpty() ? null : "stack/" + stack.size() + "/" + Integer.toHexString(stack.hashCode());
    }

    /** The longest wait completed at the place {@code thread} waits now, or -1 when it never came back from there. */
    public long longestAt(ThreadRecord thread) {
        if (longestByPlace.isEmpty()) {
            // most threads: no place to make (a string from the stack), each of a hundred thousand, every cycle
            return -1;
        }
        String place = place(thread);
        Long longest = place == null ? null : longestByPlace.get(place);
        return longest == null ? -1 : longest;
    }

    /**
     * After {@code before} (waiting, untimed) made progress: its wait there ended. The wait is counted from its last
     * progress to this snapshot, the later bound, so that sampling never makes a consumer look quicker than it is.
     * A thread first seen waiting whose waited count says it came back from exactly one wait before (2, or 3 when
     * it parked for the queue's lock on the way back: the agent's first look came after its first event) is a
     * consumer at that place with no known length yet. A thread with more waits behind it may have waited
     * anywhere: it keeps the {@code stuckAfter} rule until it comes back at this place.
     */
    static LearnedWaits carry(LearnedWaits learned, ThreadRecord before, ThreadRecord now, boolean progressed,
                              long takenAt) {
        if (before == null) {
            // the place (a string made from the stack) only for a thread that may have come back from one wait
            String place = "WAITING".equals(now.state()) && now.waitedCount() >= 2 && now.waitedCount() <= 3
                    ? place(now) : null;
            return place != null ? new LearnedWaits(Map.of(place, 0L)) : learned;
        }
        if (!progressed || !"WAITING".equals(before.state()) || before.stalledSince() <= 0) {
            return learned;
        }
        String place = place(before);
        if (place == null) {
            return learned;
        }
        long waited = Math.max(0, takenAt - before.stalledSince());
        Map<String, Long> next = new LinkedHashMap<>(learned.longestByPlace);
        next.merge(place, waited, Math::max);
        while (next.size() > PLACES) {
            String shortest = next.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
            next.remove(shortest);
        }
        return new LearnedWaits(next);
    }
}
