package dev.threadhound.agent.instrument;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Every way application code takes a lock, for the lock-order rewrite to prove itself on: the tests load a rewritten
 * copy of this class in a class loader of their own (so the JVM verifies it) and run each method. Each method leaves
 * nothing held when it returns, normally or not.
 */
public class LockShapes {

    final Object first = new Object();
    final Object second = new Object();
    static final Object GLOBAL = new Object();
    final ReentrantLock lock = new ReentrantLock();
    final ReentrantLock other = new ReentrantLock();
    final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    final StampedLock stamped = new StampedLock();

    /** synchronized (a) { synchronized (b) { } }, on locals. */
    public static int nested(Object from, Object to) {
        synchronized (from) {
            synchronized (to) {
                return from.hashCode() ^ to.hashCode();
            }
        }
    }

    public void fields() {
        synchronized (first) {
            synchronized (second) {
                GLOBAL.hashCode();
            }
        }
    }

    public synchronized void synchronizedMethod() {
        synchronized (first) {
            first.hashCode();
        }
    }

    public static synchronized void staticSynchronized(Object inside) {
        synchronized (inside) {
            inside.hashCode();
        }
    }

    public synchronized void synchronizedThrows() {
        synchronized (first) {
            throw new IllegalStateException("on purpose");
        }
    }

    /** A synchronized method whose own handler catches, then returns normally. */
    public synchronized long synchronizedCatches() {
        try {
            synchronizedThrows();
            return 0L;
        } catch (IllegalStateException e) {
            return 1L;
        }
    }

    public void reentrantLocks() {
        lock.lock();
        try {
            other.lock();
            other.unlock();
        } finally {
            lock.unlock();
        }
    }

    /** Through the Lock interface, timed. */
    public boolean timed(Lock outer, Lock inner) throws InterruptedException {
        outer.lock();
        try {
            if (inner.tryLock(1, TimeUnit.SECONDS)) {
                inner.unlock();
                return true;
            }
            return false;
        } finally {
            outer.unlock();
        }
    }

    /** An untimed tryLock never blocks: no edge to it, but what is taken inside it has it as held. */
    public boolean tried(Lock outer, Lock inner, Object inside) {
        synchronized (outer) {
            if (inner.tryLock()) {
                try {
                    synchronized (inside) {
                        return true;
                    }
                } finally {
                    inner.unlock();
                }
            }
            return false;
        }
    }

    /** lockInterruptibly on an interrupted thread throws: the lock must not stay held. */
    public void interruptible() {
        lock.lock();
        try {
            Thread.currentThread().interrupt();
            other.lockInterruptibly();
            other.unlock();
        } catch (InterruptedException expected) {
            // the lock was never taken
        } finally {
            lock.unlock();
        }
    }

    /** A read lock taken inside the write lock of the same lock is a re-entry, not an inversion. */
    public void readInsideWrite() {
        rw.writeLock().lock();
        try {
            rw.readLock().lock();
            try {
                synchronized (first) {
                    first.hashCode();
                }
            } finally {
                rw.readLock().unlock();
            }
        } finally {
            rw.writeLock().unlock();
        }
    }

    public long stamps() {
        long stamp = stamped.writeLock();
        try {
            synchronized (first) {
                return stamp;
            }
        } finally {
            stamped.unlockWrite(stamp);
        }
    }

    public long readStamp() {
        long stamp = stamped.readLock();
        try {
            synchronized (first) {
                return stamp;
            }
        } finally {
            stamped.unlockRead(stamp);
        }
    }

    /** wait() releases the monitor while it waits and takes it back: nothing to track. */
    public void waits() throws InterruptedException {
        synchronized (first) {
            first.wait(1);
        }
    }
}
