package dev.threadhound.agent.bootstrap;

/**
 * Static entry points for the calls the agent writes around lock instructions in application classes (only with
 * {@code lockOrder=on}). Each is one guarded call: nothing happens until a probe is installed, nothing thrown here
 * or in the probe reaches the application, and the probe's own locking is never tracked ({@link HeldLocks}).
 * {@code site} numbers the instruction (the agent's site table says where it is); an odd one is a shared (read)
 * acquisition.
 */
public final class LockHooks {

    private static volatile LockOrderProbe probe;

    private static final ThreadLocal<HeldLocks> HELD = new ThreadLocal<>();

    private LockHooks() {
    }

    /** Installs the probe once; a second agent in the same JVM is refused. */
    public static synchronized boolean install(LockOrderProbe value) {
        if (probe != null) {
            return false;
        }
        probe = value;
        return true;
    }

    /** Before {@code MONITORENTER}. */
    public static void monitorEnter(Object lock, int site) {
        LockOrderProbe p = probe;
        if (p != null && lock != null) {
            try {
                held().enter(lock, site, true, p);
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    /** At the entry of a synchronized method: its monitor ({@code this} or the class) is already held. */
    public static void methodEnter(Object lock, int site) {
        LockOrderProbe p = probe;
        if (p != null && lock != null) {
            try {
                held().enter(lock, site, false, p);
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    /** Before {@code MONITOREXIT}. */
    public static void monitorExit(Object lock) {
        release(lock);
    }

    /** Before each return of a synchronized method, and when an exception leaves it: its monitor, by its site. */
    public static void methodExit(int site) {
        if (probe != null) {
            try {
                HeldLocks held = HELD.get();
                if (held != null) {
                    held.releaseSite(site);
                }
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    /** Before a call that may block to take a lock: {@code lock()}, {@code lockInterruptibly()}, a timed {@code tryLock}. */
    public static void lockAttempt(Object lock, int site) {
        LockOrderProbe p = probe;
        if (p != null && lock != null) {
            try {
                held().attempt(HeldLocks.key(lock), HeldLocks.mode(lock, site), p);
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    /** After such a call returned normally: the lock is held. */
    public static void lockTaken(Object lock, int site) {
        if (probe != null && lock != null) {
            try {
                held().taken(HeldLocks.key(lock), HeldLocks.mode(lock, site));
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    /** After a {@code tryLock}: held when it returned true. An untimed one never blocks, so it made no edge to the lock. */
    public static void lockTried(boolean taken, Object lock, int site) {
        if (taken) {
            lockTaken(lock, site);
        }
    }

    /** Before {@code unlock()} (or a {@code StampedLock} unlock). */
    public static void lockRelease(Object lock) {
        if (lock != null) {
            try {
                release(HeldLocks.key(lock));
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    private static void release(Object lock) {
        if (probe != null) {
            try {
                HeldLocks held = HELD.get();
                if (held != null) {
                    held.release(lock);
                }
            } catch (Throwable ignored) {
                // never into the host
            }
        }
    }

    private static HeldLocks held() {
        HeldLocks held = HELD.get();
        if (held == null) {
            held = new HeldLocks();
            HELD.set(held);
        }
        return held;
    }
}
