package dev.threadhound.agent.track;

import dev.threadhound.model.DeathRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where and by whom a thread was started, for pool workers what they are working on, and the last few things the
 * thread was seen waiting on (what it leaves behind if it dies).
 */
public final class ThreadOrigin {

    /** Distinct locks remembered per thread: a consumer waits on one queue, a stage on two. */
    static final int WAITS_KEPT = 4;

    /** Where the thread was started, once {@link #site()} has been asked; null before. */
    private volatile CreationSite site;
    /**
     * Until then, the starter's stack as the JVM captured it at the start, not yet made into elements: capturing
     * it costs a fifth of a walk that makes elements, and a thread that ends before anyone asks (a virtual thread
     * serving one request) never pays the rest.
     */
    private volatile Throwable startedFrom;
    private final CreationSites sites;
    final long parentId;
    final long startedAt;
    volatile WorkerSlot worker;
    /** Written by the detector loop only, read by the thread itself when it dies: replaced whole, never changed. */
    private volatile List<DeathRecord.Wait> waits = List.of();
    /**
     * A virtual thread's waits begun in {@code Object.wait}, counted on its carrier as it unmounts for each: the JDK
     * counts no wait of a virtual thread, and such a wait has no blocker whose queue would show a new one.
     */
    private volatile int monitorWaits;
    /**
     * A virtual thread's blocks on a monitor ended, counted by the JDK's one unblocker thread (JDK 24 on): the JDK
     * counts no block of a virtual thread either, and a thread taking turns at a monitor is found blocked at the same
     * line on the same object each time.
     */
    private volatile int monitorBlocks;
    /**
     * The thread's timed waits on a {@code Condition} that ended before their time ran out: somebody signalled it (a
     * queue's {@code poll(timeout)} handed an item), which the JDK's wait counts do not tell from a wait that timed
     * out. Counted by the thread itself.
     */
    private volatile int signalledWaits;

    /** What the snapshot builder remembers of the thread between cycles; only the builder, under its lock, uses it. */
    private Object memory;

    ThreadOrigin(CreationSite site, long parentId, long startedAt) {
        this.site = site;
        this.sites = null;
        this.parentId = parentId;
        this.startedAt = startedAt;
    }

    /** A thread whose site is {@code startedFrom}'s stack, trimmed and interned in {@code sites} when first asked. */
    ThreadOrigin(Throwable startedFrom, CreationSites sites, long parentId, long startedAt) {
        this.startedFrom = startedFrom;
        this.sites = sites;
        this.parentId = parentId;
        this.startedAt = startedAt;
    }

    /**
     * Where the thread was started; shared by every thread started there. The first call makes the captured stack
     * into elements (a few microseconds); callers racing to it intern the same site.
     */
    public CreationSite site() {
        CreationSite known = site;
        if (known != null) {
            return known;
        }
        Throwable stack = startedFrom;
        if (stack == null) {
            // another caller made it: it set the site before it dropped the stack
            return site;
        }
        CreationSite made = sites.intern(Sites.trim(stack.getStackTrace(), ThreadRegistry.START_METHODS));
        site = made;
        startedFrom = null;
        return made;
    }

    public long parentId() {
        return parentId;
    }

    /** Whether it was made for a live thread whose start was left to the JDK ({@link ThreadRegistry#adopt}). */
    boolean adopted() {
        return startedAt == 0;
    }

    public long startedAt() {
        return startedAt;
    }

    /**
     * The snapshot builder's memory of this thread, kept with the thread so that a hundred thousand threads need no
     * map lookup each cycle and their memory goes when they do.
     */
    public Object memory() {
        return memory;
    }

    public void memory(Object value) {
        this.memory = value;
    }

    void monitorWaitBegins() {
        monitorWaits++;
    }

    void monitorBlockEnds() {
        monitorBlocks++;
    }

    void signalled() {
        signalledWaits++;
    }

    /** How many of the thread's timed waits on a {@code Condition} were ended by a signal (wraps around). */
    public int signalledWaits() {
        return signalledWaits;
    }

    /** How many of the virtual thread's blocks on a monitor have ended (wraps around; 0: none). */
    public int monitorBlocksEnded() {
        return monitorBlocks;
    }

    /** How many times the virtual thread began to wait in {@code Object.wait} (wraps around; 0: never). */
    public int monitorWaits() {
        return monitorWaits;
    }

    /** The pool this thread works for, or null. */
    public WorkerSlot worker() {
        return worker;
    }

    /** Most recent first. */
    public List<DeathRecord.Wait> waits() {
        return waits;
    }

    /**
     * The detector loop saw the thread waiting on {@code blocker}, behind which is {@code lock}, in {@code call} when
     * its stack was at hand (else null, and a call seen before on that blocker is kept). It becomes the most recent;
     * the oldest falls off.
     */
    public void sawWaiting(String lock, String blocker, String call) {
        List<DeathRecord.Wait> before = waits;
        String known = call;
        for (int i = 0; known == null && i < before.size(); i++) {
            DeathRecord.Wait w = before.get(i);
            if (same(w, lock, blocker)) {
                known = w.call();
            }
        }
        // seen again as it was last seen, as ten thousand parked threads are each time their record is made anew:
        // nothing made
        if (!before.isEmpty() && same(before.get(0), lock, blocker) && Objects.equals(before.get(0).call(), known)) {
            return;
        }
        List<DeathRecord.Wait> next = new ArrayList<>(WAITS_KEPT);
        next.add(new DeathRecord.Wait(lock, blocker, known));
        for (DeathRecord.Wait w : before) {
            if (next.size() < WAITS_KEPT && !same(w, lock, blocker)) {
                next.add(w);
            }
        }
        waits = List.copyOf(next);
    }

    private static boolean same(DeathRecord.Wait wait, String lock, String blocker) {
        return wait.lock().equals(lock) && wait.blocker().equals(blocker);
    }
}
