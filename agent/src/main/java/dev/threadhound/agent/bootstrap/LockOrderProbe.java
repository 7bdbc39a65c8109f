package dev.threadhound.agent.bootstrap;

/**
 * Where a lock acquisition the per-thread cache has not seen before goes: the agent's lock-order graph. Implemented
 * by the agent in its own class loader; JDK types only.
 */
public interface LockOrderProbe {

    /**
     * The current thread, holding {@code held[0..depth)} (acquired at {@code sites[0..depth)}, oldest first; a
     * re-entered lock may appear twice), is about to take {@code lock} at {@code site}: record an edge from each held
     * lock to it. Returns whether every edge is in the graph, so that the thread need not report this chain again.
     * A site is passed as the agent's number for it, shifted left by two, with bit 1 set for a monitor and bit 0 for
     * a shared (read) acquisition.
     */
    boolean acquiring(Object[] held, int[] sites, int depth, Object lock, int site);
}
