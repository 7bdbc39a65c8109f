package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ThreadOrigin;

import java.util.Arrays;
import java.util.List;

/**
 * The live platform threads of one snapshot, in holders that serve the next snapshots too and are emptied once a
 * snapshot is made (nothing of it holds a thread past it).
 */
final class TrackedThreads {

    private TrackedThread[] held = new TrackedThread[16];
    private int size;

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

    /** The threads added since the last {@link #clear()}, in their order. */
    List<TrackedThread> list() {
        return Arrays.asList(held).subList(0, size);
    }

    /** Empties the holders; a count that fell to a quarter of them lets the rest go. */
    void clear() {
        for (int i = 0; i < size; i++) {
            held[i].clear();
        }
        if (held.length > 64 && size < held.length / 4) {
            held = Arrays.copyOf(held, Math.max(16, size * 2));
        }
        size = 0;
    }
}
