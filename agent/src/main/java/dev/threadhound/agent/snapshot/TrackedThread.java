package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ThreadKinds;
import dev.threadhound.agent.track.ThreadOrigin;
import dev.threadhound.agent.track.WorkerSlot;

/**
 * A live platform thread the probe saw start, its state when the snapshot began, and the name of the pool it works
 * for when it is a worker. Held in {@link TrackedThreads} and filled again each snapshot: one made per thread and
 * snapshot was a quarter of what a cycle allocated at ten thousand threads.
 */
final class TrackedThread {

    long id;
    Thread thread;
    /** Whether the thread carries virtual threads: then only {@link CarrierThreads} reads it. */
    boolean carrier;
    ThreadOrigin origin;
    /** Read once a snapshot: at ten thousand threads a second {@code getState()} each was 2 % of a cycle. */
    Thread.State state;
    String executor;
    /**
     * The origin's pool slot and the builder's memory of the thread, read once as the thread is listed: each later
     * step of the snapshot that wanted them read the origin out of memory again, at ten thousand threads a cycle
     * apart.
     */
    WorkerSlot worker;
    StackCache.Entry entry;

    /**
     * Fills the holder, writing only what differs from what it held: a reference written into an old object costs
     * the collector's write barrier, ten thousand holders a cycle.
     */
    void set(Thread t, ThreadOrigin from, Thread.State now) {
        if (thread != t) {
            thread = t;
            id = t.getId();
            carrier = ThreadKinds.isCarrier(t);
        }
        if (origin != from) {
            origin = from;
        }
        if (state != now) {
            state = now;
        }
        if (executor != null) {
            executor = null;
        }
        WorkerSlot slot = from.worker();
        if (worker != slot) {
            worker = slot;
        }
        StackCache.Entry memory = (StackCache.Entry) from.memory();
        if (entry != memory) {
            entry = memory;
        }
    }

    /** Lets go of the thread when a snapshot no longer lists it, so that one that ended can be collected. */
    void clear() {
        thread = null;
        origin = null;
        state = null;
        executor = null;
        worker = null;
        entry = null;
    }
}
