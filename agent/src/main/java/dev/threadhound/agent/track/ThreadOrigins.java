package dev.threadhound.agent.track;

import com.blogspot.mydailyjava.weaklockfree.AbstractWeakConcurrentMap;

import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The registry's weak map from a live thread to its origin, whose lookups make no object. The library's own map makes
 * a lookup key per call, or keeps one per thread in a thread-local (a map of its own for each ending virtual thread).
 * The key made by an ending thread's removal was the first object many a short thread ever allocated, and for it the
 * JVM hands that thread a buffer of its own out of the young generation (a TLAB, hundreds of KB): 2,000 threads that
 * parked and ended took 1.5 GB of it and six young collections, where without the agent there were none. The keys
 * are kept in {@value #SLOTS} slots instead, each taken and given back atomically; a lookup that finds its slot
 * taken makes a key as before.
 */
final class ThreadOrigins extends AbstractWeakConcurrentMap<Thread, ThreadOrigin, ThreadOrigins.LookupKey> {

    static final int SLOTS = 16;

    private final AtomicReferenceArray<LookupKey> free = new AtomicReferenceArray<>(SLOTS);

    /** @param table the map's own table, which the registry walks */
    ThreadOrigins(ConcurrentMap<WeakKey<Thread>, ThreadOrigin> table) {
        super(table);
    }

    @Override
    protected LookupKey getLookupKey(Thread thread) {
        // by the looked-up thread: threads ending at once look themselves up, each in its own slot mostly
        int hash = System.identityHashCode(thread);
        int slot = hash & (SLOTS - 1);
        LookupKey key = free.getAndSet(slot, null);
        return (key != null ? key : new LookupKey(slot)).of(thread, hash);
    }

    @Override
    protected void resetLookupKey(LookupKey key) {
        key.clear();
        // a release store, no fence: a lookup that does not see the key back yet makes one
        free.lazySet(key.slot, key);
    }

    /** Equal to the map's weak key of the same thread, as the library's own lookup key is. */
    static final class LookupKey {

        private final int slot;
        private Thread thread;
        private int hash;

        LookupKey(int slot) {
            this.slot = slot;
        }

        LookupKey of(Thread looked, int identityHash) {
            thread = looked;
            hash = identityHash;
            return this;
        }

        void clear() {
            thread = null;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof WeakKey<?> weak ? weak.get() == thread
                    : other instanceof LookupKey key && key.thread == thread;
        }
    }
}
