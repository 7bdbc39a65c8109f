package dev.threadhound.agent.track;

import com.blogspot.mydailyjava.weaklockfree.AbstractWeakConcurrentMap.WeakKey;
import com.blogspot.mydailyjava.weaklockfree.WeakConcurrentMap;
import dev.threadhound.model.DeathRecord;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * Every thread started since the agent was installed, weakly held, with its origin. Threads started at one site
 * share one {@link CreationSite}.
 */
public final class ThreadRegistry {

    /**
     * The weak map's own table, walked as it is by {@link #forEachLive}: the map's iterator makes two objects per
     * thread (its entry and the table's), 2-3 MB a cycle at a hundred thousand threads, garbage that brings young
     * collections, each of which copies those threads' stacks.
     */
    private final ConcurrentHashMap<WeakKey<Thread>, ThreadOrigin> table = new ConcurrentHashMap<>();
    /**
     * No cleaner thread: a thread is forgotten as it ends ({@link #ended}), and the detector loop still expunges, once
     * per cycle, the key of a thread collected without its end being seen (should the end hook not have taken). No
     * reused lookup keys either: they live in a thread-local, which would give each ending virtual thread a map of
     * its own; a lookup key made per call is 24 bytes that die at once.
     */
    private final WeakConcurrentMap<Thread, ThreadOrigin> origins = new WeakConcurrentMap<>(false, false, table);
    private final CreationSites sites = new CreationSites();
    private final RecentEnds<DeathRecord> deaths = new RecentEnds<>(DeathRecord::diedAt);
    /** Platform threads seen starting: against the JVM's count of started threads, whether any started unseen. */
    private final LongAdder platformStarts = new LongAdder();

    /** The JDK's methods that start a thread: a creation site begins below them. */
    static final String[] START_METHODS = {"java.lang.Thread.start", "java.lang.VirtualThread.start",
            "java.lang.ThreadBuilders$VirtualThreadBuilder.start", "java.lang.ThreadBuilders$PlatformThreadBuilder.start"};

    /**
     * On the starting thread, in {@code Thread.start}: the stack captured as for an exception (under a microsecond
     * for thirty frames; made into the site only when first asked, see {@link ThreadOrigin#site()}) and one map
     * operation (the hook fires once per start; a second {@code start()} of a started thread fails in the JDK and
     * must not move its site). The thread is new to the map but for that second start, so the key is made before
     * looking: the map's {@code putIfAbsent} looks the thread up first and then again to insert (the first look was
     * about a sixth of the agent's part of a virtual thread's start in a profile of 100,000 starts). The agent's own
     * threads are not captured: nobody looks for where they were started.
     */
    void started(Thread thread, boolean own) {
        if (!ThreadKinds.isVirtual(thread)) {
            platformStarts.increment();
        }
        long parent = Thread.currentThread().getId();
        long now = System.currentTimeMillis();
        origins.putIfProbablyAbsent(thread, own ? new ThreadOrigin(CreationSite.UNKNOWN, parent, now)
                : new ThreadOrigin(new Throwable(), sites, parent, now));
    }

    /**
     * On the ending thread, at once rather than at the next cycle's expunging: until then an ended thread's origin
     * kept the stack its starter left, and at a hundred thousand short-lived virtual threads a second every young
     * collection copied hundreds of megabytes of them (a virtual thread's start and end cost about 15 microseconds
     * of CPU that way, 3 this way).
     */
    void ended(Thread thread) {
        origins.remove(thread);
    }

    /** How many platform threads this registry has seen starting (a failed second start included). */
    public long platformStarts() {
        return platformStarts.sum();
    }

    /** The threads that recently ended by an uncaught exception. */
    public RecentEnds<DeathRecord> deaths() {
        return deaths;
    }

    public ThreadOrigin get(Thread thread) {
        return origins.get(thread);
    }

    /**
     * Each live tracked thread with its origin, without a new object per thread; weakly consistent, as the map's
     * iteration, and never blocks the host.
     */
    public void forEachLive(BiConsumer<Thread, ThreadOrigin> action) {
        table.forEach((key, origin) -> {
            Thread thread = key.get();
            if (thread != null) {
                action.accept(thread, origin);
            }
        });
    }

    public void expunge() {
        origins.expungeStaleEntries();
    }

    public int size() {
        return origins.approximateSize();
    }
}
