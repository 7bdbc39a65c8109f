package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ThreadOrigin;
import dev.threadhound.detect.Frames;
import dev.threadhound.model.FilledList;
import dev.threadhound.model.Progress;
import dev.threadhound.model.ThreadHistory;
import dev.threadhound.model.ThreadRecord;

import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Every platform thread of the JVM as records: the cheap scan ({@code getThreadInfo} without stacks), then the
 * stacks the scan asks for within the snapshot's budget (suspects that stayed waiting, and the few
 * {@link SuspectLooks} and a JVM kept from exiting want looked at), then one record per thread.
 */
final class PlatformThreads {

    static final int UNTRACKED_EVERY = 32;
    /** Threads asked whether they hold a read lock, per snapshot: bounds a JVM with many writers waiting. */
    static final int READER_LOOKS = 20_000;
    private static final String READ_WRITE_LOCK = "java.util.concurrent.locks.ReentrantReadWriteLock$";

    private final ThreadMXBean mx;
    private final StackFetcher fetcher;
    private final LockBehind lockBehind;
    private final SuspectLooks suspects;
    private final LongSupplier trackedStarts;
    private final StackCache cache = new StackCache();
    private final SharedNames names = new SharedNames();
    private StackCache.Entry[] lastScan = new StackCache.Entry[0];
    /**
     * The arrays of one scan, one slot per thread, kept for the next while the number of threads stays the same: made
     * anew they were a third of what a cycle allocated at ten thousand idle threads, the garbage that brings young
     * collections over every thread's stack. Emptied of threads after each scan. The entries alternate with
     * {@link #lastScan}, which the next scan reads.
     */
    private final ScanArrays arrays = new ScanArrays();
    /** The ids of the live threads the probe did not see start, as the last full look found them; sorted. */
    private long[] untracked = new long[0];
    /** The carrier threads among {@link #untracked}, by the same index; null for the others. */
    private Thread[] untrackedCarriers = new Thread[0];
    /** The JVM's count of started platform threads less those the probe saw start, at the last full look. */
    private long untrackedStarts = -1;
    /** See {@link #threadClasses}; found for a scan of this many threads. */
    private Set<String> threadClasses = Set.of();
    private int threadClassesOf = -1;

    /** @param trackedStarts how many platform threads the probe has seen starting */
    PlatformThreads(ThreadMXBean mx, StackFetcher fetcher, LockBehind lockBehind, SuspectLooks suspects,
                    LongSupplier trackedStarts) {
        this.mx = mx;
        this.trackedStarts = trackedStarts;
        this.fetcher = fetcher;
        this.lockBehind = lockBehind;
        this.suspects = suspects;
    }

    /**
     * @param tracked the live platform threads the probe saw start
     * @param out     where each thread's record is added, in scan order
     * @param makers  where the entry that made each record is added, in the same order
     */
    void records(StackPolicy policy, List<TrackedThread> tracked, FilledList.Filler<ThreadRecord> out,
                 RecordMakers makers) {
        long[] ids = ids(tracked);
        arrays.size(ids.length, lastScan);
        // the untracked ids after the tracked ones have no TrackedThread: one array, the rest of it null
        TrackedThread[] known = arrays.known;
        for (int i = 0; i < ids.length; i++) {
            known[i] = i < tracked.size() ? tracked.get(i) : null;
        }
        StackCache.Entry[] entries = arrays.entries;
        ThreadRead[] reads = scan(policy, ids, known, entries);
        long[] cpu = cpu(reads, known);
        boolean mainEnded = mainEnded(reads, known);
        StackCache.Entry[] previous = lastScan;
        StackRequests requests = new StackRequests(() -> StackCache.kindsWithStack(previous), policy.mostStacks());
        // positions is free once the CPU times are read: the threads whose stacks are wanted, in scan order
        int[] wanted = arrays.positions;
        int nWanted = 0;
        boolean mayShare = false;
        WaitedOn.Collector waited = new WaitedOn.Collector(threadClasses(known));
        for (int i = 0; i < reads.length; i++) {
            ThreadRead read = reads[i];
            if (read == null) {
                continue;
            }
            waited.waitsOn(read.lockName());
            if (holdsTheJvm(mainEnded, read)) {
                requests.urgent(i);
            } else if (policy.wants(read.state(), entries[i].verdict())) {
                wanted[nWanted++] = i;
                mayShare |= mayShare(policy, known[i], read);
            }
        }
        StandIns standIns = mayShare ? standIns(reads, known, entries) : null;
        for (int w = 0; w < nWanted; w++) {
            int i = wanted[w];
            ThreadRead read = reads[i];
            List<String> shared = standIns != null && mayShare(policy, known[i], read)
                    ? standIns.of(known[i].origin.site(), read.state(), read.lockName()) : null;
            if (shared != null) {
                cache.standIn(entries[i], shared, kind(known[i], read));
            } else {
                requests.add(i, kind(known[i], read));
            }
        }
        cache.forgetUnseen();
        lastScan = entries;
        if (policy == StackPolicy.SUSPECTS) {
            lookAtSuspects(reads, cpu, known, requests);
        }
        fetcher.fetch(policy, requests, new StackFetcher.Scanned() {
            @Override
            public long id(int position) {
                return reads[position].id();
            }

            @Override
            public Thread thread(int position) {
                return known[position] != null ? known[position].thread : arrays.carriers[position];
            }

            @Override
            public void taken(int position, List<String> stack, ThreadInfo fresh) {
                ThreadRead read = reads[position];
                if (fresh != null) {
                    read.update(fresh, names);
                } else if (!stillInTheWait(read, arrays.carriers[position], stack)) {
                    return;
                }
                cache.store(entries[position], read.state(), read.blocked(), read.waited(), stack,
                        kind(known[position], read));
                suspects.looked(read, stack);
            }
        });
        long cycle = cache.cycle();
        Thread[] readers = readersWaitedFor(reads, known);
        WaitedOn waitedOn = waited.done();
        for (int i = 0; i < reads.length; i++) {
            if (reads[i] != null) {
                out.add(record(policy, entries[i], reads[i], known[i], cpu[i], cycle,
                        readers != null ? readers[i] : null, waitedOn));
                makers.add(entries[i]);
            }
        }
        names.prune(keep -> {
            for (ThreadRead read : reads) {
                if (read != null && read.lockName() != null) {
                    keep.accept(read.lockName());
                }
            }
        });
        arrays.empty();
    }

    /**
     * Whether the periodic cycle may give the thread the stack of threads alike ({@link StandIns}): one the probe saw
     * start, not a pool's worker (its stack tells where its task is stuck), waiting on something.
     */
    private static boolean mayShare(StackPolicy policy, TrackedThread known, ThreadRead read) {
        return policy == StackPolicy.SUSPECTS && known != null && known.executor == null && read.lockName() != null;
    }

    /** What the stacks taken of this scan's threads, each for the wait it is still in, say of threads alike. */
    private static StandIns standIns(ThreadRead[] reads, TrackedThread[] known, StackCache.Entry[] entries) {
        StandIns out = new StandIns();
        for (int i = 0; i < reads.length; i++) {
            ThreadRead read = reads[i];
            if (read != null && entries[i].ownStack() && entries[i].verdict() == StackCache.Verdict.CACHED
                    && mayShare(StackPolicy.SUSPECTS, known[i], read)) {
                out.taken(known[i].origin.site(), read.state(), read.lockName(), entries[i].stack());
            }
        }
        return out;
    }

    /**
     * The classes of the tracked threads, by name: what a join waits on is one of them. Found anew every
     * {@value #UNTRACKED_EVERY} scans and whenever the number of threads changed, a class read from each thread.
     */
    private Set<String> threadClasses(TrackedThread[] known) {
        if (threadClasses.isEmpty() || cache.cycle() % UNTRACKED_EVERY == 0 || known.length != threadClassesOf) {
            Set<String> found = new HashSet<>();
            Class<?> last = null;
            for (TrackedThread t : known) {
                Class<?> type = t != null ? t.thread.getClass() : null;
                if (type != null && type != last) {
                    last = type;
                    found.add(type.getName());
                }
            }
            threadClasses = found;
            threadClassesOf = known.length;
        }
        return threadClasses;
    }

    /** The entries of the last scan: the stacks in use. */
    StackCache.Entry[] lastScan() {
        return lastScan;
    }

    /**
     * A thread read again exactly as before, with the same stack and CPU time, keeps its record; the others get a
     * new one.
     */
    private ThreadRecord record(StackPolicy policy, StackCache.Entry entry, ThreadRead read, TrackedThread known,
                                long cpu, long cycle, Thread reader, WaitedOn waitedOn) {
        long id = read.id();
        Thread.State state = read.state();
        List<String> stack = policy.shown(state, entry, cycle);
        if (stack.isEmpty() && policy == StackPolicy.SUSPECTS && state == Thread.State.TIMED_WAITING) {
            // a timed waiter's last look, while it has not left that wait
            stack = suspects.carried(read);
        }
        String executor = known != null ? known.executor : null;
        String lock = lockBehind(entry, read, known);
        long ownerId = reader != null ? reader.getId() : read.ownerId();
        // a running thread can spin with others joining it, and one that waits can be joined by a stop() that waits
        // as long: those need their identity, the rest none
        String identity = known != null && (state == Thread.State.RUNNABLE || entry.waitedOn(known.thread, waitedOn))
                ? entry.identity(known.thread) : null;
        ThreadRecord same = entry.recordFrom(read.version(), stack);
        ThreadOrigin origin = origin(known);
        long signalled = origin != null ? origin.signalledWaits() : -1;
        if (same != null && same.cpuTimeNanos() == cpu && same.signalledWaits() == signalled
                && Objects.equals(same.executor(), executor)
                && Objects.equals(same.blockerLock(), lock) && same.ownerId() == ownerId
                && Objects.equals(same.identity(), identity)) {
            return same;
        }
        String blockedOn = read.lockName();
        if (origin != null && lock != null) {
            // what it leaves behind if it dies: the lock, and where it waited on it
            origin.sawWaiting(lock, blockedOn, names.of(Frames.calledInto(stack)));
        }
        return entry.recorded(read.version(), new ThreadRecord(id, read.name(), false, read.daemon(), state.name(),
                stack, blockedOn, ownerId, reader != null ? reader.getName() : read.ownerName(), read.blocked(),
                read.waited(), cpu,
                origin != null ? origin.site().text() : List.of(),
                origin != null ? origin.parentId() : -1, executor, 0, origin != null ? origin.startedAt() : 0, lock,
                identity, signalled, ThreadHistory.NONE));
    }

    /**
     * For each thread parked for good on a read-write lock that no writer holds, the reader it waits for: itself
     * when it holds the read lock (an upgrade, never granted), else a reader that waits too, which may close a
     * deadlock cycle; null when none (a reader that runs will release it). Null when no thread waits so.
     */
    private static Thread[] readersWaitedFor(ThreadRead[] reads, TrackedThread[] known) {
        Thread[] readers = null;
        int budget = READER_LOOKS;
        for (int i = 0; i < reads.length && budget > 0; i++) {
            ThreadRead read = reads[i];
            if (read == null || known[i] == null || read.ownerId() >= 0 || read.state() != Thread.State.WAITING
                    || read.lockName() == null || !read.lockName().startsWith(READ_WRITE_LOCK)) {
                continue;
            }
            Thread waiter = known[i].thread;
            Object lock = ReadHolds.lockWaitedOn(waiter);
            if (lock == null) {
                continue;
            }
            Thread reader = ReadHolds.holdsRead(lock, waiter) ? waiter : null;
            for (int j = 0; reader == null && j < reads.length && budget > 0; j++) {
                if (j != i && known[j] != null && reads[j] != null && reads[j].state() != Thread.State.RUNNABLE
                        && reads[j].state() != Thread.State.NEW && budget-- > 0
                        && ReadHolds.holdsRead(lock, known[j].thread)) {
                    reader = known[j].thread;
                }
            }
            if (reader != null) {
                readers = readers != null ? readers : new Thread[reads.length];
                readers[i] = reader;
            }
        }
        return readers;
    }

    /**
     * Whether a thread the scan saw waiting was still in that very wait once its stack was taken: a stack taken on
     * its own (by handshake, after the scan) of a short wait may show where the thread ran next, or its next wait,
     * and a lock's site drawn from it would name the wrong place. Same state, blocker and counts after the stack as
     * at the scan mean it never left; otherwise the stack is dropped and taken again when the thread is next asked
     * for. A running thread's stack shows where it runs at any moment: it is kept. A carrier's read has no counts,
     * so its stack must show the wait itself ({@link CarrierThreads#stackAgrees}).
     */
    private boolean stillInTheWait(ThreadRead scanned, Thread carrier, List<String> stack) {
        Thread.State state = scanned.state();
        if (state != Thread.State.BLOCKED && state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return true;
        }
        if (carrier != null) {
            CarrierThreads.Look now = CarrierThreads.look(carrier);
            return now != null && now.state() == state && Objects.equals(now.lockName(), scanned.lockName())
                    && CarrierThreads.stackAgrees(now, stack);
        }
        ThreadInfo now = mx.getThreadInfo(scanned.id());
        return now != null && scanned.inSameWait(now);
    }

    /** For a thread the probe tracks and that waits on something: the lock behind it; else null. */
    private String lockBehind(StackCache.Entry entry, ThreadRead read, TrackedThread known) {
        if (known == null || read.lockName() == null || read.state() == Thread.State.RUNNABLE) {
            return null;
        }
        String blockedOn = read.lockName();
        String lock = entry.knownLockBehind(blockedOn);
        return lock != null ? lock : entry.lockBehind(blockedOn, names.of(lockBehind.of(known.thread, blockedOn)));
    }

    /** The few threads {@link SuspectLooks} wants looked at this cycle, besides those already asked for. */
    private void lookAtSuspects(ThreadRead[] reads, long[] cpu, TrackedThread[] known, StackRequests requests) {
        boolean[] due = arrays.due;
        Arrays.fill(due, false);
        for (int p : requests.ordered()) {
            due[p] = true;
        }
        boolean[] workers = arrays.workers;
        for (int i = 0; i < reads.length; i++) {
            workers[i] = known[i] != null && known[i].executor != null;
        }
        SuspectLooks.Picked picked = suspects.pick(reads, cpu, due, workers);
        picked.urgent().forEach(requests::urgent);
        picked.once().forEach(requests::once);
    }

    /**
     * Every platform thread's id: the tracked ones first, in the registry's order, then the others (the JVM's, those
     * older than an attach). Those are few and rarely change, but finding them means every thread's id from
     * {@code getAllThreadIds} and a search of each among the tracked (a fifth of a scan at ten thousand threads, and
     * 400 KB of garbage): so the last scan's are used again while the JVM's count of live threads is the tracked ones
     * plus them and its count of started threads grew by only those the probe saw start (a tracked thread that ended
     * as an untracked one started leaves the live count as it was, not that one), and looked for anew every
     * {@value #UNTRACKED_EVERY} scans whatever the counts say. An untracked id that has ended reads as nothing. A
     * thread the registry held while it was still {@code NEW}, but that was alive by the time the JVM listed its
     * threads, was taken for an untracked one: once it is tracked, the untracked are looked for anew, or it would be
     * listed twice, once without its creation site and pool (a pool's idle worker reported as a leaked thread).
     */
    private long[] ids(List<TrackedThread> tracked) {
        int n = tracked.size();
        long startedUnseen = mx.getTotalStartedThreadCount() - trackedStarts.getAsLong();
        if (cache.cycle() % UNTRACKED_EVERY != 0 && startedUnseen == untrackedStarts
                && mx.getThreadCount() == n + untracked.length) {
            long[] ids = arrays.ids.length == n + untracked.length ? arrays.ids : new long[n + untracked.length];
            boolean trackedNow = false;
            for (int i = 0; i < n; i++) {
                ids[i] = tracked.get(i).id;
                trackedNow |= Arrays.binarySearch(untracked, ids[i]) >= 0;
            }
            if (!trackedNow) {
                System.arraycopy(untracked, 0, ids, n, untracked.length);
                arrays.ids = ids;
                return ids;
            }
        }
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = tracked.get(i).id;
        }
        long[] ids = Arrays.copyOf(sorted, n + mx.getThreadCount() + 64);
        Arrays.sort(sorted);
        int total = n;
        for (long id : mx.getAllThreadIds()) {
            if (Arrays.binarySearch(sorted, id) < 0) {
                if (total == ids.length) {
                    ids = Arrays.copyOf(ids, total * 2);
                }
                ids[total++] = id;
            }
        }
        untracked = Arrays.copyOfRange(ids, n, total);
        Arrays.sort(untracked);
        untrackedCarriers = new Thread[untracked.length];
        for (Thread carrier : CarrierThreads.alive()) {
            int at = Arrays.binarySearch(untracked, carrier.getId());
            if (at >= 0) {
                untrackedCarriers[at] = carrier;
            }
        }
        untrackedStarts = startedUnseen;
        arrays.ids = Arrays.copyOf(ids, total);
        return arrays.ids;
    }

    /**
     * The cheap scan: {@code getThreadInfo} without stacks, so no pause of the threads, about a microsecond each; a
     * settled thread is read only on its turn ({@link StackCache#SETTLED_SCANS}), its last read standing in for it
     * while {@code Thread.getState()} says it has not moved: in the cycle and in a {@code /threads} request alike
     * (ten thousand fresh reads were most of what such a request allocated). A tool asking for every thread's
     * stack whatever it costs (the JUnit check) reads every thread. Each thread's entry gets its verdict here.
     */
    private ThreadRead[] scan(StackPolicy policy, long[] ids, TrackedThread[] known, StackCache.Entry[] entries) {
        cache.beginScan();
        long cycle = cache.cycle();
        ThreadRead[] reads = arrays.reads;
        int[] toRead = arrays.positions;
        int n = 0;
        for (int i = 0; i < ids.length; i++) {
            StackCache.Entry entry = known[i] != null ? known[i].entry : cache.entry(ids[i], null);
            Thread carrier = carrier(ids[i], known[i]);
            if (carrier != null) {
                arrays.carriers[i] = carrier;
                reads[i] = readCarrier(carrier, ids[i], known[i], entry, entries, i);
            } else if (policy != StackPolicy.EVERY_THREAD && known[i] != null && entry != null
                    && entry.restsThisScan(known[i].state, ids[i], cycle)) {
                ThreadRead rested = entry.read(ids[i]);
                entries[i] = cache.check(entry, ids[i], origin(known[i]), rested.state(), rested.blocked(),
                        rested.waited());
                reads[i] = rested;
            } else if (ending(known[i])) {
                // read as ended: asked for, it would be looked for among every thread (see ending)
                entries[i] = entry;
                reads[i] = null;
            } else {
                entries[i] = entry;
                toRead[n++] = i;
            }
        }
        long[] readIds = new long[n];
        for (int r = 0; r < n; r++) {
            readIds[r] = ids[toRead[r]];
        }
        ThreadInfo[] read = mx.getThreadInfo(readIds, 0);
        for (int r = 0; r < n; r++) {
            ThreadInfo info = read[r];
            int i = toRead[r];
            if (info == null) {
                // ended since it was listed
                reads[i] = null;
                continue;
            }
            entries[i] = cache.check(entries[i], ids[i], origin(known[i]), info.getThreadState(),
                    info.getBlockedCount(), info.getWaitedCount(), backInTheSameWait(entries[i], info));
            reads[i] = entries[i].read(ids[i]);
            reads[i].update(info, names);
        }
        return reads;
    }

    /** The thread when it is a carrier of virtual threads, which only {@link CarrierThreads} reads; else null. */
    private Thread carrier(long id, TrackedThread known) {
        if (known != null) {
            return known.carrier ? known.thread : null;
        }
        int at = Arrays.binarySearch(untracked, id);
        return at >= 0 ? untrackedCarriers[at] : null;
    }

    /**
     * A carrier's read, from its own fields: the wait count kept for it counts the times a read found it waiting on
     * something else, so that a stack taken of it stands only while it waits as it did.
     */
    private ThreadRead readCarrier(Thread carrier, long id, TrackedThread known, StackCache.Entry entry,
                                   StackCache.Entry[] entries, int position) {
        CarrierThreads.Look look = CarrierThreads.look(carrier);
        if (look == null) {
            entries[position] = entry;
            return null;
        }
        ThreadRead last = entry != null ? entry.lastRead() : null;
        boolean moved = last != null
                && (last.state() != look.state() || !Objects.equals(last.lockName(), look.lockName()));
        long moves = last == null ? 0 : last.waited() + (moved ? 1 : 0);
        entries[position] = cache.check(entry, id, origin(known), look.state(), -1, moves);
        ThreadRead read = entries[position].read(id);
        read.update(carrier, look, -1, moves, names);
        return read;
    }

    /**
     * Whether the thread, read waiting without a timeout on something that ends only once (a latch, a task, a
     * thread), was last read waiting on that very object: woken meanwhile, by an interrupt it retries, it has not
     * moved, and its stack need not be taken again ({@link Progress#waitEndsOnce}).
     */
    private static boolean backInTheSameWait(StackCache.Entry entry, ThreadInfo info) {
        ThreadRead last = entry != null ? entry.lastRead() : null;
        String on = info.getLockName();
        return last != null && last.version() > 0 && info.getThreadState() == Thread.State.WAITING
                && last.state() == Thread.State.WAITING && on != null && on.equals(last.lockName())
                && Progress.waitEndsOnce(on);
    }

    /**
     * CPU time, by scan position, of the threads it says something of: a running thread (progress, a spinning
     * loop) and a timed waiter (a polling loop uses almost none); -1 for the others. Each costs a system call, about
     * 10 ms for ten thousand threads, so threads parked for good cost none.
     */
    private long[] cpu(ThreadRead[] reads, TrackedThread[] known) {
        int[] positions = arrays.positions;
        int n = 0;
        for (int i = 0; i < reads.length; i++) {
            Thread.State state = reads[i] != null ? reads[i].state() : null;
            if ((state == Thread.State.RUNNABLE || state == Thread.State.TIMED_WAITING) && !ending(known[i])) {
                positions[n++] = i;
            }
        }
        long[] ids = new long[n];
        for (int k = 0; k < n; k++) {
            ids[k] = reads[positions[k]].id();
        }
        long[] times = CpuTimes.of(mx, ids);
        long[] out = arrays.cpu;
        Arrays.fill(out, -1);
        for (int k = 0; k < n; k++) {
            out[positions[k]] = times[k];
        }
        return out;
    }

    /**
     * Whether a tracked thread has ended or is ending: then it is not asked about. Asked by id, such a thread is
     * looked for among every thread, one at a time, under the lock every starting and ending thread takes, while the
     * call keeps the JVM's list of threads from being freed, which each ending thread waits for. On JDK 17, ten
     * thousand threads released at once, with cycles asking about them as they ended, kept the JVM from exiting for up
     * to a minute (30 ms without the agent); the loop also holds its cycles back while threads end in numbers.
     */
    static boolean ending(TrackedThread known) {
        return known != null && ended(known.thread);
    }

    /** {@link #ending}, of any thread. */
    static boolean ended(Thread thread) {
        // its state, not isAlive(): on JDK 17 that is a native call; the JVM sets both as the thread ends
        return thread.getState() == Thread.State.TERMINATED;
    }

    /**
     * When {@code main} has returned, the launcher's thread is {@code DestroyJavaVM}, waiting for the JVM to end. The
     * launcher attaches it, it is never started: only the untracked threads are looked at (ten thousand tracked names
     * would be read out of memory each cycle for nothing).
     */
    private static boolean mainEnded(ThreadRead[] reads, TrackedThread[] known) {
        for (int i = reads.length - 1; i >= 0 && known[i] == null; i--) {
            ThreadRead read = reads[i];
            if (read != null && "DestroyJavaVM".equals(read.name())) {
                return true;
            }
        }
        return false;
    }

    /**
     * After {@code main} has returned, every non-daemon thread is a suspect of keeping the JVM up, and its stack
     * says what it is; there are few of them, so they cost a stack each per cycle.
     */
    private static boolean holdsTheJvm(boolean mainEnded, ThreadRead read) {
        return mainEnded && !read.daemon() && !"DestroyJavaVM".equals(read.name())
                && !read.name().startsWith("threadhound-");
    }

    private static ThreadOrigin origin(TrackedThread t) {
        return t != null ? t.origin : null;
    }

    private static long kind(TrackedThread t, ThreadRead read) {
        return StackRequests.kind(t != null ? t.origin.site() : null, read.state(), read.lockClass());
    }

    /** One scan's arrays, by scan position; see {@link #arrays}. */
    private static final class ScanArrays {
        long[] ids = new long[0];
        TrackedThread[] known = new TrackedThread[0];
        StackCache.Entry[] entries = new StackCache.Entry[0];
        ThreadRead[] reads = new ThreadRead[0];
        /** Positions of some of the threads: those to read, then those to time. */
        int[] positions = new int[0];
        long[] cpu = new long[0];
        boolean[] due = new boolean[0];
        boolean[] workers = new boolean[0];
        /** The carrier threads of virtual threads, by scan position; null for the others. */
        Thread[] carriers = new Thread[0];
        /** The entries of the scan before last: free once the last scan's are what the next one reads. */
        private StackCache.Entry[] spare = new StackCache.Entry[0];

        /** Arrays of {@code n} slots, reused when the last scan had as many threads. */
        void size(int n, StackCache.Entry[] lastScan) {
            StackCache.Entry[] free = spare;
            spare = lastScan;
            entries = free.length == n && free != lastScan ? free : new StackCache.Entry[n];
            if (known.length != n) {
                known = new TrackedThread[n];
                reads = new ThreadRead[n];
                positions = new int[n];
                cpu = new long[n];
                due = new boolean[n];
                workers = new boolean[n];
                carriers = new Thread[n];
            }
        }

        /** Lets go of the threads and reads the arrays point to; the entries are the last scan's, kept. */
        void empty() {
            Arrays.fill(known, null);
            Arrays.fill(reads, null);
            Arrays.fill(carriers, null);
        }
    }
}
