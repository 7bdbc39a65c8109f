package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ThreadOrigin;

/**
 * A live platform thread the probe saw start, its state when the snapshot began, and the name of the pool it works
 * for when it is a worker. Held in {@link TrackedThreads} and filled anew each snapshot: one made per thread and
 * snapshot was a quarter of what a cycle allocated at ten thousand threads.
 */
final class TrackedThread {

    long id;
    Thread thread;
    ThreadOrigin origin;
    /** Read once a snapshot: at ten thousand threads a second {@code getState()} each was 2 % of a cycle. */
    Thread.State state;
    String executor;

    void set(Thread t, ThreadOrigin from, Thread.State now) {
        id = t.getId();
        thread = t;
        origin = from;
        state = now;
        executor = null;
    }

    /** Lets go of the thread between snapshots, so that one that ends can be collected. */
    void clear() {
        thread = null;
        origin = null;
        state = null;
        executor = null;
    }
}
