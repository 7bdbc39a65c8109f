package dev.threadhound.agent.snapshot;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The threads whose stacks one snapshot wants, gathered during the cheap scan: the one place where a reason to
 * look at a thread's stack (it stayed waiting; a detector's own suspicion) becomes a request, all of them then
 * taken by {@link StackFetcher} within one {@link StackBudget}. A request is a thread's position in the scan and
 * its kind: what it looks like without its stack (creation site, state, what it waits on). Threads of one kind
 * most likely share a stack, so one of each kind not yet shown by a kept stack is taken first.
 */
final class StackRequests {

    private int[] positions = new int[64];
    private long[] kinds = new long[64];
    private int size;

    void add(int position, long kind) {
        if (size == positions.length) {
            positions = Arrays.copyOf(positions, size * 2);
            kinds = Arrays.copyOf(kinds, size * 2);
        }
        positions[size] = position;
        kinds[size] = kind;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * At most {@code most} positions: one of each kind that {@code covered} lacks first, then the others in scan
     * order. When ten thousand threads appear at once, every kind of them has a stack to stand for it after the
     * first cycle.
     */
    int[] ordered(Set<Long> covered, int most) {
        int[] out = new int[Math.min(size, most)];
        int n = 0;
        Set<Long> seen = new HashSet<>(covered);
        boolean[] first = new boolean[size];
        for (int i = 0; i < size && n < out.length; i++) {
            if (seen.add(kinds[i])) {
                first[i] = true;
                out[n++] = positions[i];
            }
        }
        for (int i = 0; i < size && n < out.length; i++) {
            if (!first[i]) {
                out[n++] = positions[i];
            }
        }
        return out;
    }

    /** A thread's kind as one number: collisions only change which thread goes first. */
    static long kind(Object site, Thread.State state, String blockerType) {
        long siteHash = site == null ? 0 : System.identityHashCode(site);
        return siteHash << 32 ^ (long) state.ordinal() << 24 ^ (blockerType == null ? 0 : blockerType.hashCode());
    }
}
