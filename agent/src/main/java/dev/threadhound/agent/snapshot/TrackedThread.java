package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ThreadOrigin;

/**
 * A live platform thread the probe saw start, its state when the snapshot began, and the name of the pool it works
 * for when it is a worker.
 */
final class TrackedThread {

    final long id;
    final Thread thread;
    final ThreadOrigin origin;
    /** Read once a snapshot: at ten thousand threads a second {@code getState()} each was 2 % of a cycle. */
    final Thread.State state;
    String executor;

    TrackedThread(Thread thread, ThreadOrigin origin, Thread.State state) {
        this.id = thread.getId();
        this.thread = thread;
        this.origin = origin;
        this.state = state;
    }
}
