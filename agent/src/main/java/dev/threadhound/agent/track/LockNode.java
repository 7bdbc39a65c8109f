package dev.threadhound.agent.track;

import dev.threadhound.model.LockRecord;

import java.lang.ref.WeakReference;
import java.util.List;

/**
 * A lock instance in the order graph, weakly held: once the lock is collected the node is dead and its edges go,
 * unless they were on a cycle. Its name is the best one a site that took it gave (a field beats a local variable).
 */
final class LockNode extends WeakReference<Object> {

    final long id;
    /** The class and the identity hash, kept apart: the {@code Class@hex} string is made only for a snapshot. */
    private final Class<?> type;
    private final int hash;
    private volatile String name;
    private volatile int nameRank;
    /**
     * Whether a thread ever took another lock while holding this one. Until then no cycle can pass through it (a
     * cycle leaves every lock on it), so the edges into it wait here, with the node, instead of in the graph: the
     * monitor of each entry a cache evicts under its eviction lock is such a leaf, and its edge goes with it.
     */
    volatile boolean taker;
    /** The edges into this lock while it is not a taker; guarded by the node's monitor. */
    List<OrderEdge> parked;

    LockNode(Object lock, long id, LockSite site) {
        super(lock);
        this.id = id;
        this.type = lock.getClass();
        this.hash = System.identityHashCode(lock);
        named(site);
    }

    boolean dead() {
        return refersTo(null);
    }

    /** Takes the site's name for the lock when it says more than the one the node has. */
    void named(LockSite site) {
        if (site != null && site.lockName() != null && site.nameRank() > nameRank) {
            name = site.lockName();
            nameRank = site.nameRank();
        }
    }

    LockRecord record() {
        return new LockRecord(id, type.getName() + "@" + Integer.toHexString(hash), name);
    }
}
