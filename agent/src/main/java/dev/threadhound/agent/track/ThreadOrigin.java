package dev.threadhound.agent.track;

/** Where and by whom a thread was started, and, for pool workers, what they are working on. */
public final class ThreadOrigin {

    final StackTraceElement[] site;
    final long parentId;
    final long startedAt;
    volatile WorkerSlot worker;

    ThreadOrigin(StackTraceElement[] site, long parentId, long startedAt) {
        this.site = site;
        this.parentId = parentId;
        this.startedAt = startedAt;
    }

    public StackTraceElement[] site() {
        return site;
    }

    public long parentId() {
        return parentId;
    }

    public long startedAt() {
        return startedAt;
    }

    /** The pool this thread works for, or null. */
    public WorkerSlot worker() {
        return worker;
    }
}
