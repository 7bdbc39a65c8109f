package dev.threadhound.agent.track;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every lock instruction the agent rewrote, by number. The rewritten code passes the number to the bridge with two
 * flags in its low bits ({@link #passed}); only the lock-order graph's slow path reads the site back. Numbers are
 * reserved while a method is rewritten and filled in when the method is done, before its class can run.
 */
public final class LockSites {

    private final AtomicInteger next = new AtomicInteger();
    private volatile LockSite[] sites = new LockSite[1024];

    /** A number for an instruction being rewritten. */
    public int reserve() {
        return next.getAndIncrement();
    }

    public synchronized void fill(int number, LockSite site) {
        LockSite[] current = sites;
        if (number >= current.length) {
            current = Arrays.copyOf(current, Math.max(current.length * 2, number + 1));
        }
        current[number] = site;
        sites = current;
    }

    /** What the rewritten code passes for a site: its number, then bit 1 for a monitor and bit 0 for a shared lock. */
    public static int passed(int number, boolean shared, boolean monitor) {
        return number << 2 | (monitor ? 2 : 0) | (shared ? 1 : 0);
    }

    /** The number of the site a bridge call passed. */
    static int number(int passed) {
        return passed >>> 2;
    }

    static boolean shared(int passed) {
        return (passed & 1) != 0;
    }

    /** The site a bridge call passed, or null when unknown. */
    public LockSite of(int passed) {
        int number = number(passed);
        LockSite[] current = sites;
        return number < current.length ? current[number] : null;
    }

    public int size() {
        return next.get();
    }
}
