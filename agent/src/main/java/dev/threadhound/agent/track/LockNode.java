package dev.threadhound.agent.track;

import dev.threadhound.model.LockRecord;

import java.lang.ref.WeakReference;

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
