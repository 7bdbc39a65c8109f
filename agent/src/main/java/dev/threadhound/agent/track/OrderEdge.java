package dev.threadhound.agent.track;

import dev.threadhound.model.LockEdgeRecord;

import java.util.Arrays;

/**
 * A thread took {@code to} while holding {@code from}: the first thread to do so, the stacks of the first time
 * (shared with every edge made at the same pair of sites), a few of the threads that did, and the gates: the other
 * locks held exclusively every time, intersected over every chain that made the edge.
 */
final class OrderEdge {

    /** Threads remembered per edge: enough to tell one thread from several. */
    static final int THREADS_KEPT = 4;

    private static final long[] NONE = new long[0];

    final LockNode from;
    final LockNode to;
    private final long threadId;
    private final String thread;
    private final SiteStacks.Stacks stacks;
    private final long firstSeen;
    /** The other threads that made the edge, made only when there is one: most edges are one thread's. */
    private long[] others;
    private int threadCount;
    private long[] gates;
    /** Kept after one of its locks died, because it was on a cycle. */
    volatile boolean retained;

    OrderEdge(LockNode from, LockNode to, Thread by, SiteStacks.Stacks stacks, long[] gates, long now) {
        this.from = from;
        this.to = to;
        this.threadId = by.getId();
        this.thread = by.getName();
        this.stacks = stacks;
        this.firstSeen = now;
        this.gates = gates.length == 0 ? NONE : gates;
        this.threadCount = 1;
    }

    /** The edge made again, by {@code by} holding {@code held} besides {@code from}; returns whether anything changed. */
    synchronized boolean again(Thread by, long[] held) {
        boolean changed = false;
        long id = by.getId();
        boolean known = id == threadId;
        for (int i = 0; i < threadCount - 1 && !known; i++) {
            known = others[i] == id;
        }
        if (!known && threadCount < THREADS_KEPT) {
            if (others == null) {
                others = new long[THREADS_KEPT - 1];
            }
            others[threadCount++ - 1] = id;
            changed = true;
        }
        if (gates.length > 0) {
            long[] kept = Arrays.stream(gates).filter(g -> Arrays.binarySearch(held, g) >= 0).toArray();
            if (kept.length != gates.length) {
                gates = kept.length == 0 ? NONE : kept;
                changed = true;
            }
        }
        return changed;
    }

    synchronized LockEdgeRecord record() {
        return new LockEdgeRecord(from.id, to.id, threadId, thread, threadCount, stacks.heldAt(), stacks.acquiredAt(),
                firstSeen, Arrays.stream(gates).boxed().toList());
    }

    boolean dead() {
        return from.dead() || to.dead();
    }

    /** The graph's key for the edge between two locks (ids stay below 2^32 for the life of any JVM we know). */
    static long key(long from, long to) {
        return from << 32 | (to & 0xFFFFFFFFL);
    }

    long key() {
        return key(from.id, to.id);
    }
}
