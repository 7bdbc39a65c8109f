package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ExecutorRegistry;
import dev.threadhound.agent.track.JdkFields;
import dev.threadhound.agent.track.ThreadOrigin;
import dev.threadhound.detect.Frames;
import dev.threadhound.model.FilledList;
import dev.threadhound.model.ThreadHistory;
import dev.threadhound.model.ThreadRecord;

import java.lang.management.ThreadInfo;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.AbstractOwnableSynchronizer;
import java.util.concurrent.locks.LockSupport;

/**
 * The virtual threads the probe saw start, as records: their states (a field read each), then the stacks the scan
 * asks for within the snapshot's budget. The JDK keeps no wait counts for them, so a kept stack stands while the
 * state, what the thread is parked on and the node of its queue it waits in stay the same. Each thread is looked at
 * once per scan, as the registry hands it over ({@link #scan}); only those whose stack was asked for are looked at
 * again ({@link #records}), so a hundred thousand parked threads cost one pass. What stands in for the missing wait
 * counts: the waits seen begin in a new node of the same lock's or queue's wait queue ({@link QueueNodes}), the
 * record's {@code waitedCount}; a consumer woken by each item and parked again in {@code take()} has moved, though
 * every look finds it at the same line on the same object. A wait in {@code Object.wait} has no queue to look at: the
 * probe counts those waits as they begin (JDK 24 on), and a new count is a new node. Nor has a block on a monitor: the
 * probe counts those as they end (JDK 24 on), and a new count is a new node too.
 *
 * <p>What a parked virtual thread waits on is its park blocker ({@code LockSupport.getBlocker}, a field read), with
 * the owner of that lock when it has one (a {@code ReentrantLock}, a write lock): the JDK's {@code ThreadMXBean} says
 * neither for virtual threads, so without them a deadlock between virtual threads was two threads stuck, no cycle. A
 * new blocker is also the progress the missing wait counts would show: a thread that joins a new future each time
 * parks on a new object each time.
 *
 * <p>A virtual thread blocked in {@code synchronized} has no park blocker: the monitor it waits for, and which of the
 * others holds it, come from a look at each thread blocked since the scan before ({@link BlockedMonitors}, JDK 25 on),
 * at most {@value #MONITOR_LOOKS} new looks a scan; a look stands for as long as the thread is found blocked (it
 * neither holds nor waits for anything new while blocked), so a pile of requests blocked behind a deadlock is looked
 * at over a few scans, once each.
 */
final class VirtualThreads {

    private static final Field EXCLUSIVE_OWNER = JdkFields.field(AbstractOwnableSynchronizer.class, "exclusiveOwnerThread");
    static final int MONITOR_LOOKS = 64;
    private static final String VIRTUAL_THREAD = "java.lang.VirtualThread";

    private final StackFetcher fetcher;
    private final LockBehind lockBehind;
    private final BlockedMonitors monitors = BlockedMonitors.create();
    /** The looks at the threads still blocked, by their entries. */
    private Map<StackCache.Entry, BlockedMonitors.Look> looked = new IdentityHashMap<>();
    private final StackCache cache = new StackCache();
    private final QueueNodes queues = new QueueNodes();
    private StackCache.Entry[] lastScan = new StackCache.Entry[0];
    /**
     * One name per blocker, or latch waited on for a thread's end, seen in a scan: a hundred thousand threads parked
     * on one latch share it.
     */
    private final Map<Object, String> blockerNames = new IdentityHashMap<>();

    private StackPolicy policy;
    private StackRequests requests;
    private Thread[] threads;
    private ThreadOrigin[] origins;
    private Thread.State[] states;
    private StackCache.Entry[] entries;
    private ThreadRecord[] records;
    private Object[] blockers;
    private Thread[] owners;
    /** The node of its blocker's queue each thread waits in ({@link QueueNodes}), 0 when none is known. */
    private int[] nodes;
    private int size;
    /** Whether this scan found a thread blocked on a monitor. */
    private boolean anyBlocked;

    VirtualThreads(StackFetcher fetcher, LockBehind lockBehind) {
        this.fetcher = fetcher;
        this.lockBehind = lockBehind;
    }

    /** Starts a scan of about {@code expected} threads. */
    void begin(StackPolicy stackPolicy, int expected) {
        policy = stackPolicy;
        StackCache.Entry[] previous = lastScan;
        requests = new StackRequests(() -> StackCache.kindsWithStack(previous), policy.mostStacks());
        // a scan that failed before its records were made left its slots filled
        empty();
        int capacity = Math.max(16, Math.min(expected, 2 * lastScan.length));
        if (threads == null || threads.length < capacity || threads.length > 4 * capacity) {
            threads = new Thread[capacity];
            origins = new ThreadOrigin[capacity];
            states = new Thread.State[capacity];
            entries = new StackCache.Entry[capacity];
            records = new ThreadRecord[capacity];
            blockers = new Object[capacity];
            owners = new Thread[capacity];
            nodes = new int[capacity];
        }
        cache.beginScan();
        queues.beginScan();
    }

    /** One live virtual thread of the registry. */
    void scan(Thread t, ThreadOrigin origin) {
        if (size == threads.length) {
            int more = size * 2;
            threads = Arrays.copyOf(threads, more);
            origins = Arrays.copyOf(origins, more);
            states = Arrays.copyOf(states, more);
            entries = Arrays.copyOf(entries, more);
            records = Arrays.copyOf(records, more);
            blockers = Arrays.copyOf(blockers, more);
            owners = Arrays.copyOf(owners, more);
            nodes = Arrays.copyOf(nodes, more);
        }
        int i = size++;
        Thread.State state = t.getState();
        Object blocker = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING ? LockSupport.getBlocker(t) : null;
        Thread owner = ownerOf(blocker, t, state);
        threads[i] = t;
        origins[i] = origin;
        states[i] = state;
        blockers[i] = blocker;
        owners[i] = owner;
        anyBlocked |= state == Thread.State.BLOCKED;
        StackCache.Entry known = cache.entry(t.getId(), origin);
        int lastNode = lastNode(known, blocker);
        nodes[i] = blocker != null ? queues.nodeOf(blocker, t, lastNode) : ownCount(origin, state);
        // no wait counts: what it waits on, in which node of its queue, and who holds it, stand in for them
        StackCache.Entry entry = cache.check(known, t.getId(), origin, state, ownerKey(i), blockerKey(i));
        entry.foundInNode(lastNode, nodes[i]);
        entries[i] = entry;
        if (policy.wants(state, entry.verdict())) {
            requests.add(i, StackRequests.kind(origin.site(), state, null));
        } else if (state != Thread.State.BLOCKED || !monitors.available()) {
            records[i] = record(i);
        }
    }

    /** How many virtual threads this scan has seen so far. */
    int size() {
        return size;
    }

    /** Adds the scan's records to {@code out}, once the stacks it asked for are taken. */
    void records(FilledList.Filler<ThreadRecord> out, RecordMakers makers) {
        cache.forgetUnseen();
        fetcher.fetch(policy, requests, new StackFetcher.Scanned() {
            @Override
            public long id(int position) {
                return threads[position].getId();
            }

            @Override
            public Thread thread(int position) {
                return threads[position];
            }

            @Override
            public void taken(int position, List<String> stack, ThreadInfo fresh) {
                if (lookedAtWithItsStack(position, stack)) {
                    cache.store(entries[position], states[position], ownerKey(position), blockerKey(position), stack,
                            StackRequests.kind(origins[position].site(), states[position], null));
                }
            }
        });
        lookAtBlockedMonitors();
        for (int i = 0; i < size; i++) {
            out.add(records[i] != null ? records[i] : record(i));
            makers.add(entries[i]);
        }
        // the entries become the last scan's as they are, past this scan's threads empty (a copy was 400 KB a cycle
        // at a hundred thousand threads); the last scan's array, emptied, serves the next scan
        StackCache.Entry[] free = lastScan;
        lastScan = entries;
        if (free.length == threads.length) {
            Arrays.fill(free, null);
            entries = free;
        } else {
            entries = new StackCache.Entry[threads.length];
        }
        empty();
    }

    /**
     * Whether the stack, taken on its own a moment after the scan, is kept with what the record shows of the thread:
     * read again right after the stack, the thread is in the scan's wait still (same state, same blocker and, for
     * one without a blocker, the same count of its own waits or blocks), or in a wait the stack shows, which the record
     * then shows instead of the scan's (the thread has moved). A keep-alive connection's virtual thread was read
     * parked in its socket read, its stack taken a moment later in the handler's 2 ms sleep of the next request, and
     * every later look at it in the read (no blocker, no count) kept that stack: {@code LEAKED_THREAD ... waiting for
     * 2s in Thread.sleep} of a healthy connection. A stack that shows neither is dropped and taken again at the
     * thread's next turn. A running thread's stack shows where it runs at any moment: it is kept.
     */
    private boolean lookedAtWithItsStack(int i, List<String> stack) {
        Thread.State scanned = states[i];
        if (scanned != Thread.State.BLOCKED && scanned != Thread.State.WAITING
                && scanned != Thread.State.TIMED_WAITING) {
            return true;
        }
        Thread t = threads[i];
        Thread.State now = t.getState();
        boolean parked = now == Thread.State.WAITING || now == Thread.State.TIMED_WAITING;
        Object blocker = parked ? LockSupport.getBlocker(t) : null;
        if (!parkAgrees(stack, now)) {
            return false;
        }
        if (now == scanned && blocker == blockers[i] && (blocker != null || ownCount(origins[i], now) == nodes[i])) {
            return true;
        }
        if (!parked) {
            return false;
        }
        int lastNode = nodes[i];
        states[i] = now;
        blockers[i] = blocker;
        owners[i] = ownerOf(blocker, t, now);
        nodes[i] = blocker != null ? queues.nodeOf(blocker, t, 0) : ownCount(origins[i], now);
        entries[i] = cache.check(entries[i], t.getId(), origins[i], now, ownerKey(i), blockerKey(i));
        entries[i].foundInNode(lastNode, nodes[i]);
        return true;
    }

    /**
     * Whether the stack shows the park the state says: a timed one ({@code VirtualThread.parkNanos}, a sleep among
     * them) for {@code TIMED_WAITING}, an untimed one ({@code VirtualThread.park}) only for {@code WAITING}.
     */
    private static boolean parkAgrees(List<String> stack, Thread.State state) {
        if (stack.isEmpty()) {
            return true;
        }
        String top = stack.get(0);
        if (Frames.is(top, VIRTUAL_THREAD, "parkNanos")) {
            return state == Thread.State.TIMED_WAITING;
        }
        return !Frames.is(top, VIRTUAL_THREAD, "park") || state == Thread.State.WAITING;
    }

    /**
     * The monitor each thread blocked since the last scan waits for, and its owner among them: a thread blocked on a
     * monitor another blocked thread holds. An owner that is not blocked is not looked for (it is no deadlock's). A
     * look is kept by the thread's entry for as long as the scans find it blocked, and is not part of what they
     * compare: a thread that leaves its monitor and blocks on another between two scans keeps its first look.
     */
    private void lookAtBlockedMonitors() {
        if (!monitors.available() || (looked.isEmpty() && !anyBlocked)) {
            return;
        }
        Map<StackCache.Entry, BlockedMonitors.Look> still = new IdentityHashMap<>();
        Map<Object, Thread> holders = new IdentityHashMap<>();
        int looks = 0;
        for (int i = 0; i < size; i++) {
            if (states[i] != Thread.State.BLOCKED || entries[i].verdict() == StackCache.Verdict.NEW) {
                continue;
            }
            BlockedMonitors.Look look = looked.get(entries[i]);
            if (look == null && looks < MONITOR_LOOKS) {
                looks++;
                look = monitors.look(threads[i]);
            }
            if (look != null) {
                still.put(entries[i], look);
                blockers[i] = look.blockedOn();
                for (Object held : look.owned()) {
                    holders.put(held, threads[i]);
                }
            }
        }
        looked = still;
        if (!holders.isEmpty()) {
            for (int i = 0; i < size; i++) {
                if (states[i] == Thread.State.BLOCKED && blockers[i] != null) {
                    owners[i] = holders.get(blockers[i]);
                }
            }
        }
    }

    /**
     * The arrays serve the next scan too (five of a hundred thousand slots each were 2 MB a cycle), emptied once a
     * scan is done so that nothing of it is held past it but the entries in {@link #lastScan}: an ended thread can go.
     */
    private void empty() {
        if (threads != null) {
            Arrays.fill(threads, 0, size, null);
            Arrays.fill(origins, 0, size, null);
            Arrays.fill(states, 0, size, null);
            Arrays.fill(entries, 0, size, null);
            Arrays.fill(records, 0, size, null);
            Arrays.fill(blockers, 0, size, null);
            Arrays.fill(owners, 0, size, null);
            Arrays.fill(nodes, 0, size, 0);
        }
        blockerNames.clear();
        anyBlocked = false;
        size = 0;
    }

    /**
     * The lock's exclusive owner; else, for a read-write lock whose read lock the thread itself holds, the thread
     * (an upgrade, never granted: see {@link ReadHolds}). An exclusive owner that is the thread itself took the lock
     * after its state was read (see {@code ThreadRead.owner}).
     */
    private static Thread ownerOf(Object blocker, Thread t, Thread.State state) {
        if (blocker instanceof AbstractOwnableSynchronizer && EXCLUSIVE_OWNER != null
                && JdkFields.get(EXCLUSIVE_OWNER, blocker) instanceof Thread owner && owner != t) {
            return owner;
        }
        // the blocker and state already read: a hundred thousand parked threads are not asked for them again
        return state == Thread.State.WAITING && ReadHolds.readWriteLock(blocker) && ReadHolds.holdsRead(blocker, t)
                ? t : null;
    }

    /**
     * For a thread waiting without a blocker, the number of its waits in {@code Object.wait} (counted by the probe as
     * each begins); for a thread blocked on a monitor, the number of its blocks that ended: standing for the node of
     * a queue, so that a thread woken by {@code notify} that waits again, or one that took its turn at a monitor and
     * blocks on it again, has moved, though it is found at the same line on the same object. 0 for any other thread.
     * A thread in its first block has had none end, a count as known as any other: one more than the count stands
     * for it, so that its first block ending is a move too (as 0, "none known", it was not: a worker found in its
     * first block and then, a cycle later that a crowded machine made two seconds long, in its eighth, was taken for
     * stuck).
     */
    private static int ownCount(ThreadOrigin origin, Thread.State state) {
        // a count that wraps around to 0 (none known) misses one move in four billion
        return switch (state) {
            case WAITING, TIMED_WAITING -> origin.monitorWaits();
            case BLOCKED -> origin.monitorBlocksEnded() + 1;
            default -> 0;
        };
    }

    /**
     * The blocker's identity hash code, the node the thread waits in above it; for a thread without a blocker, its
     * own count ({@link #ownCount}) above nothing (an identity hash is never 0).
     */
    private long blockerKey(int i) {
        int low = blockers[i] == null ? 0 : System.identityHashCode(blockers[i]);
        return low == 0 && nodes[i] == 0 ? -1 : low | (long) nodes[i] << 32;
    }

    /**
     * The node the thread was found in at the scan before, when it waited on the same blocker then (for one without a
     * blocker, its own count then); else 0.
     */
    private static int lastNode(StackCache.Entry known, Object blocker) {
        if (known == null) {
            return 0;
        }
        long key = known.waited();
        int low = blocker == null ? 0 : System.identityHashCode(blocker);
        return key != -1 && (int) key == low ? (int) (key >>> 32) : 0;
    }

    private long ownerKey(int i) {
        return owners[i] == null ? -1 : owners[i].getId();
    }

    /** The entries of the last scan: the stacks in use. */
    StackCache.Entry[] lastScan() {
        return lastScan;
    }

    private ThreadRecord record(int i) {
        Thread t = threads[i];
        List<String> stack = policy.shown(states[i], entries[i], cache.cycle());
        // what the record was made from: the state, the blocker, the node it waits in and the blocker's owner
        long source = states[i].ordinal() ^ (blockerKey(i) << 8) ^ (ownerKey(i) << 40);
        ThreadRecord same = entries[i].recordFrom(source, stack);
        long waits = entries[i].waits();
        Object joinedOn = EndSignals.ofVirtualThread(t);
        // the threads of one executor share its latch: one name for all of them
        String identity = joinedOn == null ? null : blockerNames.computeIfAbsent(joinedOn, ExecutorRegistry::identity);
        if (same != null && same.name().equals(t.getName()) && same.waitedCount() == waits
                && Objects.equals(same.identity(), identity)) {
            return same;
        }
        Object blocker = blockers[i];
        String blockedOn = blocker == null ? null : blockerNames.computeIfAbsent(blocker, ExecutorRegistry::identity);
        Thread owner = owners[i];
        return entries[i].recorded(source, new ThreadRecord(t.getId(), t.getName(), true, true, states[i].name(),
                stack, blockedOn, owner == null ? -1 : owner.getId(), owner == null ? null : owner.getName(), -1,
                waits, -1, origins[i].site().text(), origins[i].parentId(), null, 0, origins[i].startedAt(),
                lockBehind(entries[i], t, blockedOn), identity, ThreadHistory.NONE));
    }

    private String lockBehind(StackCache.Entry entry, Thread t, String blockedOn) {
        String lock = entry.knownLockBehind(blockedOn);
        return lock != null ? lock : entry.lockBehind(blockedOn, lockBehind.of(t, blockedOn));
    }
}
