package dev.threadhound.agent.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The locks one thread holds, oldest first, and the chains of them it has already reported (lockdep's chain cache).
 * The fast path of a nested acquisition is a scan of this stack, a hash of the chain and a probe of the cache: no
 * allocation, no lock. Only a chain the thread has not reported yet goes to the {@link LockOrderProbe}.
 *
 * <p>{@code Object.wait()} and {@code Condition.await()} need no hook: a waiting thread takes no lock while it
 * waits, and the lock it takes back on waking was on this stack all along, under the same locks as before.
 */
final class HeldLocks {

    /** Low bit of a site number: the lock was taken shared (a read lock). */
    static final int SHARED = 1;

    /** Deeper than this, acquisitions are not tracked (and not popped): a runaway recursion must not grow us. */
    private static final int MAX_DEPTH = 1024;
    private static final int FIRST_CACHE = 64;
    private static final int MAX_CACHE = 1024;
    private static final long SEED = 0x6a09e667f3bcc909L;

    /** The {@code sync} a read lock shares with its write lock: both are one lock in the order graph. */
    private static final VarHandle READ_SYNC;
    private static final VarHandle WRITE_SYNC;

    static {
        VarHandle read = null;
        VarHandle write = null;
        try {
            Class<?> sync = Class.forName("java.util.concurrent.locks.ReentrantReadWriteLock$Sync");
            read = MethodHandles.privateLookupIn(ReentrantReadWriteLock.ReadLock.class, MethodHandles.lookup())
                    .findVarHandle(ReentrantReadWriteLock.ReadLock.class, "sync", sync);
            write = MethodHandles.privateLookupIn(ReentrantReadWriteLock.WriteLock.class, MethodHandles.lookup())
                    .findVarHandle(ReentrantReadWriteLock.WriteLock.class, "sync", sync);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Read and write locks are then tracked as two locks; nothing else changes.
        }
        READ_SYNC = read;
        WRITE_SYNC = write;
    }

    private Object[] locks = new Object[8];
    private int[] sites = new int[8];
    /** Identity hash of each lock, 0 until needed; 0 also for a re-entry, which adds nothing to the chain. */
    private int[] hashes = new int[8];
    private boolean[] reentry = new boolean[8];
    private int depth;
    private int overflow;

    private long[] cache;
    private int cacheInserts;

    /** Set while the probe runs on this thread: its own locking is never tracked. */
    private boolean inside;

    /** The lock whose hash {@link #attempt} took last, so that {@link #push} need not take it again. */
    private Object hashed;
    private int hashedValue;

    /** A read or write lock of a {@code ReentrantReadWriteLock} is its shared {@code sync}; any other lock is itself. */
    static Object key(Object lock) {
        if (READ_SYNC != null) {
            if (lock instanceof ReentrantReadWriteLock.ReadLock) {
                return READ_SYNC.get(lock);
            }
            if (lock instanceof ReentrantReadWriteLock.WriteLock) {
                return WRITE_SYNC.get(lock);
            }
        }
        return lock;
    }

    static int mode(Object lock, int site) {
        return lock instanceof ReentrantReadWriteLock.ReadLock ? site | SHARED : site;
    }

    /**
     * A blocking acquisition of {@code lock} is about to happen: reports the chain if it is new. A lock already held
     * is a re-entry and adds no edge. {@code hashNow}: take the lock's identity hash even with nothing held, while
     * it is not yet locked (on JDK 17 hashing a monitor its own thread holds inflates it).
     */
    void attempt(Object lock, int site, boolean hashNow, LockOrderProbe probe) {
        if (inside || depth == 0 && !hashNow) {
            return;
        }
        for (int i = depth - 1; i >= 0; i--) {
            if (locks[i] == lock) {
                return;
            }
        }
        int hash = identity(lock);
        hashed = lock;
        hashedValue = hash;
        if (depth == 0) {
            return;
        }
        long chain = SEED;
        for (int i = 0; i < depth; i++) {
            if (!reentry[i]) {
                chain = mix(chain, hashAt(i) ^ (sites[i] & SHARED));
            }
        }
        chain = mix(chain, hash ^ (site & SHARED));
        if (chain == 0) {
            chain = 1;
        }
        if (cached(chain)) {
            return;
        }
        inside = true;
        try {
            if (probe.acquiring(locks, sites, depth, lock, site)) {
                remember(chain);
            }
        } finally {
            inside = false;
        }
    }

    /** {@code lock} is now held: on top of the stack, as a re-entry when it was held already. */
    void push(Object lock, int site) {
        if (inside) {
            return;
        }
        if (depth == locks.length && !grow()) {
            overflow++;
            return;
        }
        boolean again = false;
        for (int i = depth - 1; i >= 0; i--) {
            if (locks[i] == lock) {
                again = true;
                break;
            }
        }
        locks[depth] = lock;
        sites[depth] = site;
        reentry[depth] = again;
        hashes[depth] = !again && lock == hashed ? hashedValue : 0;
        hashed = null;
        depth++;
    }

    /** The newest hold of {@code lock} ends. */
    void release(Object lock) {
        if (inside) {
            return;
        }
        for (int i = depth - 1; i >= 0; i--) {
            if (locks[i] == lock) {
                remove(i);
                return;
            }
        }
        unknownRelease();
    }

    /** The newest hold taken at {@code site} ends: a synchronized method's monitor, named by its method's site. */
    void releaseSite(int site) {
        if (inside) {
            return;
        }
        for (int i = depth - 1; i >= 0; i--) {
            if (sites[i] == site) {
                remove(i);
                return;
            }
        }
        unknownRelease();
    }

    int depth() {
        return depth;
    }

    /** A release of nothing we hold is one of the acquisitions past {@link #MAX_DEPTH}, or a lock never tracked. */
    private void unknownRelease() {
        if (overflow > 0) {
            overflow--;
        }
    }

    private void remove(int i) {
        boolean wasFirst = !reentry[i];
        Object lock = locks[i];
        int last = depth - 1;
        System.arraycopy(locks, i + 1, locks, i, last - i);
        System.arraycopy(sites, i + 1, sites, i, last - i);
        System.arraycopy(hashes, i + 1, hashes, i, last - i);
        System.arraycopy(reentry, i + 1, reentry, i, last - i);
        locks[last] = null;
        depth = last;
        if (wasFirst) {
            // A re-entry above the first hold now stands for the lock in the chain.
            for (int j = i; j < depth; j++) {
                if (locks[j] == lock) {
                    reentry[j] = false;
                    break;
                }
            }
        }
    }

    private int hashAt(int i) {
        int h = hashes[i];
        if (h == 0) {
            h = identity(locks[i]);
            hashes[i] = h;
        }
        return h;
    }

    private static int identity(Object lock) {
        int h = System.identityHashCode(lock);
        return h == 0 ? 1 : h;
    }

    private static long mix(long chain, int hash) {
        long k = (chain ^ hash) * 0x9E3779B97F4A7C15L;
        return k ^ (k >>> 29);
    }

    private boolean cached(long chain) {
        long[] c = cache;
        if (c == null) {
            return false;
        }
        int slot = slot(chain, c.length);
        return c[slot] == chain || c[slot + 1] == chain;
    }

    /** Two ways per set; a cache that keeps evicting grows, up to {@link #MAX_CACHE} chains (8 KB). */
    private void remember(long chain) {
        if (cache == null) {
            cache = new long[FIRST_CACHE];
        } else if (++cacheInserts > cache.length && cache.length < MAX_CACHE) {
            cache = new long[cache.length * 2];
            cacheInserts = 0;
        }
        long[] c = cache;
        int slot = slot(chain, c.length);
        if (c[slot] != 0 && c[slot + 1] == 0) {
            c[slot + 1] = chain;
        } else {
            c[slot + 1] = c[slot];
            c[slot] = chain;
        }
    }

    private static int slot(long chain, int length) {
        return (int) (chain ^ (chain >>> 32)) & (length - 2);
    }

    private boolean grow() {
        if (locks.length >= MAX_DEPTH) {
            return false;
        }
        int n = locks.length * 2;
        locks = java.util.Arrays.copyOf(locks, n);
        sites = java.util.Arrays.copyOf(sites, n);
        hashes = java.util.Arrays.copyOf(hashes, n);
        reentry = java.util.Arrays.copyOf(reentry, n);
        return true;
    }
}
