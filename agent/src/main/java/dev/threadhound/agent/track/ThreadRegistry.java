package dev.threadhound.agent.track;

import com.blogspot.mydailyjava.weaklockfree.AbstractWeakConcurrentMap.WeakKey;
import dev.threadhound.model.DeathRecord;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
     * per cycle, the key of a thread collected without its end being seen (should the end hook not have taken).
     * Its lookups make no object ({@link ThreadOrigins}).
     */
    private final ThreadOrigins origins = new ThreadOrigins(table);
    private final CreationSites sites = new CreationSites();
    private final StartSites startSites = new StartSites();
    private volatile VirtualTasks virtualTasks;
    private final RecentEnds<DeathRecord> deaths = new RecentEnds<>(DeathRecord::diedAt);
    /** Platform threads seen starting: against the JVM's count of started threads, whether any started unseen. */
    private final LongAdder platformStarts = new LongAdder();
    /** Platform threads seen ending: whether they end in numbers, which a cycle waits out (see the detector loop). */
    private final LongAdder platformEnds = new LongAdder();
    /** Threads put in or taken out of the map by their start or end: whether {@link #forEachLive} may replay. */
    private final LongAdder changes = new LongAdder();
    /**
     * Whether a virtual thread was started and left to the JDK's containers ({@link #virtualOrigin}) since the last
     * look into them. Set only when not yet set: a count written at every such start (a LongAdder) was a third of
     * the agent's part of it in a profile.
     */
    private volatile boolean leftSinceLook;
    /**
     * About how many virtual threads the map holds that their start put there: while none, an ending virtual thread
     * has nothing to take out, and its end hook reads nothing of it. Adopted ones ({@link #adopt}) are not counted: a
     * walk adopts the virtual threads running at the time, and their ends leave them to a walk. Counted up as such a
     * thread starts and down as its end takes it out, and set to what the map holds by each walk of it: one that
     * ended while its class of work was being learned is taken out by a walk or, collected first, expunged, neither
     * of which its end hook sees. A count too high means an ending virtual thread's class of work is read; too low
     * (a start counted while a walk counted), that a thread left in the map at its end is taken out by the next walk,
     * as an adopted one is.
     */
    private final AtomicLong virtualInMap = new AtomicLong();
    /** Whether the last walk looked into the JDK's containers; guarded by this. */
    private boolean lookedLastWalk;
    /** Set once a leak check has begun in this JVM: every virtual thread's start is then recorded. */
    private volatile boolean recordEveryStart;
    /** The last walk of the map, see {@link #forEachLive}; guarded by this. */
    private Thread[] walked = new Thread[0];
    private ThreadOrigin[] walkedOrigins = new ThreadOrigin[0];
    private int walkedSize;
    /** {@link #changes} as it was read before the last walk; -1 before the first. */
    private long walkedAtChange = -1;
    private int replays;

    /**
     * Every how many calls {@link #forEachLive} walks the map whatever the changes say: a thread collected without
     * its end being seen is expunged from the map but not counted as a change.
     */
    static final int WALK_EVERY = 32;

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
     * threads are not captured: nobody looks for where they were started; nor, mostly, are virtual threads whose
     * class of work was started at one site every time ({@link #virtualOrigin}), and those are not put in the map
     * either while the JDK keeps them in its own containers: the next walk finds them there ({@link #forEachLive}).
     */
    void started(Thread thread, boolean own) {
        boolean virtual = ThreadKinds.isVirtual(thread);
        if (!virtual) {
            platformStarts.increment();
        }
        long parent = Thread.currentThread().getId();
        ThreadOrigin origin;
        if (own) {
            origin = new ThreadOrigin(CreationSite.UNKNOWN, parent, System.currentTimeMillis());
        } else if (virtual) {
            origin = virtualOrigin(thread, parent);
            if (origin == null) {
                if (!leftSinceLook) {
                    leftSinceLook = true;
                }
                return;
            }
        } else {
            origin = new ThreadOrigin(new Throwable(), sites, parent, System.currentTimeMillis());
        }
        if (virtual) {
            virtualInMap.incrementAndGet();
        }
        origins.putIfProbablyAbsent(thread, origin);
        // after the put: a walk that reads this change sees the thread
        changes.increment();
    }

    /**
     * A virtual thread's origin: at the site learned for its class of work ({@link StartSites}) without a capture,
     * else captured, and made into its site at once while that class is being learned. Null for one started at the
     * learned site while the JDK keeps its virtual threads itself ({@link JdkThreadContainers}): putting each in the
     * map and taking it out again as it ends was two thirds of what the agent added to a virtual thread's start and
     * end (a profile of 200,000 empty tasks, each on a virtual thread of its own, JDK 25), and reading the clock most
     * of the rest. What is given up for those: which thread started them and when ({@link #adopt}).
     */
    private ThreadOrigin virtualOrigin(Thread thread, long parent) {
        Class<?> work = virtualTasks().workClass(thread);
        CreationSite known = work == null ? null : startSites.known(work);
        boolean jdkKeepsIt = !recordEveryStart && JdkThreadContainers.AVAILABLE;
        if (known != null) {
            return jdkKeepsIt ? null : new ThreadOrigin(known, parent, System.currentTimeMillis());
        }
        ThreadOrigin origin = new ThreadOrigin(new Throwable(), sites, parent, System.currentTimeMillis());
        if (work != null && startSites.learning(work)) {
            startSites.startedAt(work, origin.site());
            if (jdkKeepsIt && origin.site().equals(startSites.learnedSite(work))) {
                // a check that agreed, or the start that made the site learned: a start like the others
                return null;
            }
        }
        return origin;
    }

    /** Made at the first virtual thread's start: it reads fields of the JDK's virtual-thread classes. */
    private VirtualTasks virtualTasks() {
        VirtualTasks known = virtualTasks;
        if (known == null) {
            known = new VirtualTasks();
            virtualTasks = known;
        }
        return known;
    }

    /**
     * A leak check begins: the virtual threads it starts are named at its own calls, and from now on every virtual
     * thread is recorded as it starts, with the thread that started it (whose test started a thread is told by
     * following those links).
     */
    public void renewSites() {
        recordEveryStart = true;
        startSites.renew();
    }

    /**
     * On the ending thread, at once rather than at the next cycle's expunging: until then an ended thread's origin
     * kept the stack its starter left, and at a hundred thousand short-lived virtual threads a second every young
     * collection copied hundreds of megabytes of them (a virtual thread's start and end cost about 15 microseconds
     * of CPU that way, 3 this way). While the map holds no virtual thread its start put there ({@link #virtualInMap}),
     * as when every class of work is started at a learned site, an ending virtual thread is not looked at at all.
     */
    void ended(Thread thread) {
        boolean virtual = ThreadKinds.isVirtual(thread);
        if (virtual && (virtualInMap.get() == 0 || leftToTheJdk(thread))) {
            return;
        }
        ThreadOrigin removed = origins.remove(thread);
        if (virtual && removed != null && !removed.adopted()) {
            virtualInMap.decrementAndGet();
        }
        if (!virtual) {
            platformEnds.increment();
        }
        changes.increment();
    }

    /**
     * Whether the start of {@code thread}, a virtual thread, was most likely not recorded ({@link #virtualOrigin}):
     * its class of work is started at a learned site. One that is in the map after all (started while its class was
     * learned, or adopted) is taken out by the next walk, which finds it ended. Told from the class of work, read
     * again, rather than by looking the thread up: a look for a thread the map does not hold cost five times as much
     * in a profile (making the map's lookup key for it was most of it).
     */
    private boolean leftToTheJdk(Thread thread) {
        if (recordEveryStart || !JdkThreadContainers.AVAILABLE) {
            return false;
        }
        Class<?> work = virtualTasks().workClass(thread);
        return work != null && startSites.learnedSite(work) != null;
    }

    /**
     * The origin of a live thread: the recorded one, else for a virtual thread whose start was left to the JDK
     * ({@link #virtualOrigin}) one made now and put in the map, so that what is counted on it (its waits in
     * {@code Object.wait}, its blocks on monitors) and what a cycle remembers of it stay with it. Such an origin has
     * the site last learned for its class of work (it was started while that was known, or its start would have been
     * recorded), no starter (-1) and no start time (0: the first snapshot that shows it stands for it). Null for a
     * thread the agent did not see start and never left to the JDK (one older than the agent).
     */
    public ThreadOrigin adopt(Thread thread) {
        ThreadOrigin known = origins.get(thread);
        if (known != null || !ThreadKinds.isVirtual(thread)) {
            return known;
        }
        Class<?> work = virtualTasks().workClass(thread);
        CreationSite site = work == null ? null : startSites.lastLearned(work);
        if (site == null) {
            return null;
        }
        ThreadOrigin made = new ThreadOrigin(site, -1, 0);
        ThreadOrigin raced = origins.putIfAbsent(thread, made);
        if (raced != null) {
            return raced;
        }
        changes.increment();
        return made;
    }

    /**
     * The virtual threads whose start was left to the JDK, found in its containers and adopted, when any such start
     * happened since the last look: at a hundred thousand parked virtual threads, a look costs a map lookup per
     * thread, and none is needed while no thread starts. The walk after a look looks once more: the start hook runs
     * before the JDK puts the thread in its container, and a look between the two misses it.
     */
    private void adoptLeftToTheJdk() {
        boolean started = leftSinceLook;
        if (!started && !lookedLastWalk) {
            return;
        }
        if (started) {
            leftSinceLook = false;
        }
        lookedLastWalk = started;
        JdkThreadContainers.forEachVirtual(t -> {
            Thread.State state = t.getState();
            if (state != Thread.State.NEW && state != Thread.State.TERMINATED) {
                adopt(t);
            }
        });
    }

    /** How many platform threads this registry has seen starting (a failed second start included). */
    public long platformStarts() {
        return platformStarts.sum();
    }

    /** How many platform threads this registry has seen ending. */
    public long platformEnds() {
        return platformEnds.sum();
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
     * iteration, and never blocks the host. While no thread started or ended since the last call, that call's threads
     * are replayed from two arrays instead of walking the map: at ten thousand parked threads a cycle apart, each
     * thread's table node and weak key read out of memory were a quarter of a cycle. A replayed thread may have ended
     * unseen (its end hook never ran): the caller sees its state, as it would in a walk, and the next call walks the
     * map, which remembers no ended thread; the map is walked anew every {@value #WALK_EVERY} calls whatever happened.
     */
    public synchronized void forEachLive(BiConsumer<Thread, ThreadOrigin> action) {
        adoptLeftToTheJdk();
        long changed = changes.sum();
        if (changed == walkedAtChange && ++replays < WALK_EVERY) {
            for (int i = 0; i < walkedSize; i++) {
                Thread thread = walked[i];
                if (thread.getState() == Thread.State.TERMINATED) {
                    replays = WALK_EVERY;
                }
                action.accept(thread, walkedOrigins[i]);
            }
            return;
        }
        Arrays.fill(walked, 0, walkedSize, null);
        Arrays.fill(walkedOrigins, 0, walkedSize, null);
        walkedSize = 0;
        replays = 0;
        walkedAtChange = changed;
        long[] virtual = {0};
        table.forEach((key, origin) -> {
            Thread thread = key.get();
            if (thread != null) {
                // one ended unseen is not held here: it goes once collected, its key expunged
                if (thread.getState() != Thread.State.TERMINATED) {
                    remember(thread, origin);
                    if (ThreadKinds.isVirtual(thread) && !origin.adopted()) {
                        virtual[0]++;
                    }
                } else if (ThreadKinds.isVirtual(thread)) {
                    // its end took it for one left to the JDK (ended)
                    table.remove(key, origin);
                }
                action.accept(thread, origin);
            }
        });
        virtualInMap.set(virtual[0]);
        if (walkedSize < walked.length / 4 && walked.length > 64) {
            walked = Arrays.copyOf(walked, walkedSize * 2);
            walkedOrigins = Arrays.copyOf(walkedOrigins, walkedSize * 2);
        }
    }

    private void remember(Thread thread, ThreadOrigin origin) {
        if (walkedSize == walked.length) {
            walked = Arrays.copyOf(walked, Math.max(16, walkedSize * 2));
            walkedOrigins = Arrays.copyOf(walkedOrigins, walked.length);
        }
        walked[walkedSize] = thread;
        walkedOrigins[walkedSize++] = origin;
    }

    public void expunge() {
        origins.expungeStaleEntries();
    }

    public int size() {
        return origins.approximateSize();
    }
}
