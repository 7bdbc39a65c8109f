package dev.threadhound.agent.track;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every lock instruction the agent rewrote, by number. The rewritten code passes the number (doubled, plus one for
 * a shared acquisition) to the bridge; only the lock-order graph's slow path reads the site back. Numbers are
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

    /** The site a bridge call passed ({@code number * 2 + shared}), or null when unknown. */
    public LockSite of(int passed) {
        int number = passed >>> 1;
        LockSite[] current = sites;
        return number < current.length ? current[number] : null;
    }

    public int size() {
        return next.get();
    }
}
