package dev.threadhound.agent.bootstrap;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The locks one thread holds, oldest first, and the chains of them it has already reported (lockdep's chain cache).
 * A lock taken with nothing held costs a scan of an empty stack and a push; a nested one adds a hash of the chain
 * and a probe of the cache; a release of the newest lock is a compare and a pop. No allocation, no lock. Only a
 * chain the thread has not reported yet goes to the {@link LockOrderProbe}.
 *
 * <p>{@code Object.wait()} and {@code Condition.await()} need no hook: a waiting thread takes no lock while it
 * waits, and the lock it takes back on waking was on this stack all along, under the same locks as before.
 */
final class HeldLocks {

    /** Bit 0 of a site number: the lock was taken shared (a read lock). */
    static final int SHARED = 1;
    /** Bit 1 of a site number: the lock is a monitor, which {@code Thread.holdsLock} can check. */
    static final int MONITOR = 2;

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
    /**
     * Identity hash of each lock; 0 until needed (a synchronized method's receiver is already locked when its hook
     * runs, and on JDK 17 hashing a monitor its own thread holds costs a call into the VM) and for a re-entry.
     */
    private int[] hashes = new int[8];
    private boolean[] reentry = new boolean[8];
    /** Key of the chain of held locks up to and including each entry; valid below {@link #chained}. */
    private long[] chains = new long[8];
    private int chained;
    private int depth;
    private int overflow;

    private long[] cache;
    private int cacheInserts;

    /** Set while the probe runs on this thread: its own locking is never tracked. */
    private boolean inside;

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
     * A monitor is about to be (or, for a synchronized method, has just been) taken: reports the chain if it is new
     * and pushes the monitor. {@code unlocked}: the monitor is not held yet, so its identity hash is cheap to take
     * now.
     */
    void enter(Object lock, int site, boolean unlocked, LockOrderProbe probe) {
        if (inside) {
            return;
        }
        int d = depth;
        for (int i = d - 1; i >= 0; i--) {
            if (locks[i] == lock) {
                push(lock, site, 0, true);
                return;
            }
        }
        int hash = d > 0 || unlocked ? identity(lock) : 0;
        if (d > 0) {
            report(lock, site, hash, probe);
        }
        push(lock, site, hash, false);
    }

    /** A blocking acquisition of a {@code java.util.concurrent} lock is about to happen: reports the chain if new. */
    void attempt(Object lock, int site, LockOrderProbe probe) {
        if (inside || depth == 0) {
            return;
        }
        for (int i = depth - 1; i >= 0; i--) {
            if (locks[i] == lock) {
                return;
            }
        }
        report(lock, site, identity(lock), probe);
    }

    /** A {@code java.util.concurrent} lock is now held: on top of the stack, as a re-entry when it was held already. */
    void taken(Object lock, int site) {
        if (inside) {
            return;
        }
        boolean again = false;
        for (int i = depth - 1; i >= 0; i--) {
            if (locks[i] == lock) {
                again = true;
                break;
            }
        }
        push(lock, site, 0, again);
    }

    /** The newest hold of {@code lock} ends. */
    void release(Object lock) {
        if (inside) {
            return;
        }
        int top = depth - 1;
        if (top >= 0 && locks[top] == lock) {
            pop(top);
            return;
        }
        for (int i = top - 1; i >= 0; i--) {
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
        int top = depth - 1;
        if (top >= 0 && sites[top] == site) {
            pop(top);
            return;
        }
        for (int i = top - 1; i >= 0; i--) {
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

    private void report(Object lock, int site, int hash, LockOrderProbe probe) {
        long chain = chainWith(hash, site);
        if (cached(chain)) {
            return;
        }
        if (dropReleasedMonitors()) {
            if (depth == 0) {
                return;
            }
            chain = chainWith(hash, site);
            if (cached(chain)) {
                return;
            }
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

    private long chainWith(int hash, int site) {
        long chain = mix(chainThrough(depth - 1), hash ^ (site & SHARED));
        return chain == 0 ? 1 : chain;
    }

    /**
     * Drops the monitors on the stack this thread no longer holds: released where no hook could say so (the rare
     * exceptional exit whose bytecode left no place for one). Only on the slow path: {@code holdsLock} is a call into
     * the VM. Returns whether any was dropped.
     */
    private boolean dropReleasedMonitors() {
        boolean dropped = false;
        for (int i = depth - 1; i >= 0; i--) {
            if ((sites[i] & MONITOR) != 0 && !reentry[i] && !Thread.holdsLock(locks[i])) {
                Object gone = locks[i];
                for (int j = depth - 1; j >= i; j--) {
                    if (locks[j] == gone) {
                        remove(j);
                    }
                }
                dropped = true;
                i = Math.min(i, depth);
            }
        }
        return dropped;
    }

    /** The chain key up to and including entry {@code top}, computing what is not known yet. */
    private long chainThrough(int top) {
        for (int i = chained; i <= top; i++) {
            long before = i == 0 ? SEED : chains[i - 1];
            if (reentry[i]) {
                chains[i] = before;
            } else {
                int h = hashes[i];
                if (h == 0) {
                    h = identity(locks[i]);
                    hashes[i] = h;
                }
                chains[i] = mix(before, h ^ (sites[i] & SHARED));
            }
        }
        if (chained <= top) {
            chained = top + 1;
        }
        return chains[top];
    }

    private void push(Object lock, int site, int hash, boolean again) {
        int d = depth;
        if (d == locks.length && !grow()) {
            overflow++;
            return;
        }
        locks[d] = lock;
        sites[d] = site;
        hashes[d] = hash;
        reentry[d] = again;
        depth = d + 1;
    }

    private void pop(int top) {
        locks[top] = null;
        depth = top;
        if (chained > top) {
            chained = top;
        }
    }

    /** A release of nothing we hold is one of the acquisitions past {@link #MAX_DEPTH}, or a lock never tracked. */
    private void unknownRelease() {
        if (overflow > 0) {
            overflow--;
        }
    }

    /** An older hold ends (hand over hand, or a synchronized method's monitor with a lock it took still held). */
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
        if (chained > i) {
            chained = i;
        }
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
        locks = Arrays.copyOf(locks, n);
        sites = Arrays.copyOf(sites, n);
        hashes = Arrays.copyOf(hashes, n);
        reentry = Arrays.copyOf(reentry, n);
        chains = Arrays.copyOf(chains, n);
        return true;
    }
}
