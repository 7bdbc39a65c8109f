package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ThreadOrigin;

/** A live platform thread the probe saw start, and the name of the pool it works for when it is a worker. */
final class TrackedThread {

    final long id;
    final Thread thread;
    final ThreadOrigin origin;
    String executor;

    TrackedThread(Thread thread, ThreadOrigin origin) {
        this.id = thread.getId();
        this.thread = thread;
        this.origin = origin;
    }
}
