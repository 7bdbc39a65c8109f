package dev.threadhound.agent.bootstrap;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one lock-order probe the unit tests install in {@link LockHooks} (which takes one per JVM): it records every
 * chain a thread reports, passes it on to {@link #delegate} when one is set, and, while {@link #failing} is on,
 * throws as a broken probe would.
 */
public final class TestLockProbe implements LockOrderProbe {

    public static final TestLockProbe INSTANCE = new TestLockProbe();

    static {
        LockHooks.install(INSTANCE);
    }

    /** One report: what the thread held, oldest first, and what it was about to take. */
    public record Chain(List<Object> held, Object lock, int site) {
    }

    public final List<Chain> chains = new CopyOnWriteArrayList<>();
    public volatile boolean failing;
    public volatile LockOrderProbe delegate;

    private TestLockProbe() {
    }

    /** The installed probe, with nothing recorded and no delegate. */
    public static TestLockProbe fresh() {
        INSTANCE.chains.clear();
        INSTANCE.failing = false;
        INSTANCE.delegate = null;
        return INSTANCE;
    }

    @Override
    public boolean acquiring(Object[] held, int[] sites, int depth, Object lock, int site) {
        chains.add(new Chain(List.copyOf(Arrays.asList(held).subList(0, depth)), lock, site));
        if (failing) {
            throw new IllegalStateException("probe failure on purpose");
        }
        LockOrderProbe next = delegate;
        if (next != null) {
            next.acquiring(held, sites, depth, lock, site);
        }
        // Never remembered by the thread: every test sees every chain, however often the same one ran before.
        return false;
    }

    /** The key a lock has in the order graph (a read or write lock: its read-write lock's sync). */
    public static Object key(Object lock) {
        return HeldLocks.key(lock);
    }
}
