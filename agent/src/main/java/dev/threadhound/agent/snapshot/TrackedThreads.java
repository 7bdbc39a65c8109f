package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ThreadOrigin;

import java.util.Arrays;
import java.util.List;

/**
 * The live platform threads of one snapshot, in holders that serve the next snapshots too. A holder keeps its thread
 * until the next snapshot (the registry holds the threads it replays as long, see {@code ThreadRegistry.forEachLive}):
 * while the threads stay the same, a holder is written only where the thread moved, and not every one of ten
 * thousand holders emptied and filled again out of memory each cycle. Those a snapshot does not fill let go of their
 * thread as it ends ({@link #done()}).
 */
final class TrackedThreads {

    private TrackedThread[] held = new TrackedThread[16];
    private int size;
    /** Holders filled by the last snapshot: the next one empties those it does not fill. */
    private int filled;

    void add(Thread thread, ThreadOrigin origin, Thread.State state) {
        if (size == held.length) {
            held = Arrays.copyOf(held, size * 2);
        }
        TrackedThread holder = held[size];
        if (holder == null) {
            holder = new TrackedThread();
            held[size] = holder;
        }
        holder.set(thread, origin, state);
        size++;
    }

    /** The threads added since the last {@link #done()}, in their order. */
    List<TrackedThread> list() {
        return Arrays.asList(held).subList(0, size);
    }

    /**
     * Ends a snapshot: the holders it did not fill let go of their threads, the count for the next one starts again;
     * a count that fell to a quarter of the holders lets the rest go.
     */
    void done() {
        for (int i = size; i < filled; i++) {
            held[i].clear();
        }
        filled = size;
        if (held.length > 64 && size < held.length / 4) {
            held = Arrays.copyOf(held, Math.max(16, size * 2));
        }
        size = 0;
    }
}
