package dev.threadhound.agent.track;

/** Where and by whom a thread was started, and, for pool workers, what they are working on. */
public final class ThreadOrigin {

    final CreationSite site;
    final long parentId;
    final long startedAt;
    volatile WorkerSlot worker;
    /** What the snapshot builder remembers of the thread between cycles; only the builder, under its lock, uses it. */
    private Object memory;

    ThreadOrigin(CreationSite site, long parentId, long startedAt) {
        this.site = site;
        this.parentId = parentId;
        this.startedAt = startedAt;
    }

    /** Where the thread was started; shared by every thread started there. */
    public CreationSite site() {
        return site;
    }

    public long parentId() {
        return parentId;
    }

    public long startedAt() {
        return startedAt;
    }

    /**
     * The snapshot builder's memory of this thread, kept with the thread so that a hundred thousand threads need no
     * map lookup each cycle and their memory goes when they do.
     */
    public Object memory() {
        return memory;
    }

    public void memory(Object value) {
        this.memory = value;
    }

    /** The pool this thread works for, or null. */
    public WorkerSlot worker() {
        return worker;
    }
}
