package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ThreadOrigin;
import dev.threadhound.model.ThreadRecord;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cheap scan first, stacks only for suspects: a waiting thread's stack is fetched once it has stayed in the same
 * state with the same wait counts for a whole cycle, and reused while nothing changes (a parked thread that has
 * not woken up has not moved). Threads that keep waking up never cost a stack. Entries are updated in place and
 * dropped once their thread is gone, so a JVM whose threads stay put allocates nothing here.
 */
final class StackCache {

    /**
     * What to do for a thread now: {@code NEW} in this state and counts; {@code DUE} for its stack, having stayed so
     * for a scan; {@code CACHED}, its stack kept; {@code STAND_IN}, the stack of threads alike kept for it
     * ({@link StandIns}), which the periodic cycle takes for its own and a request for every thread's stack does not.
     */
    enum Verdict { NEW, DUE, CACHED, STAND_IN }

    /**
     * A platform thread seen this many scans in a row waiting with the same counts is settled: most likely stuck for
     * good, and already suspect. It is then read only on its turn ({@link #readEvery}; its state, which costs nothing
     * to read, every scan): ten thousand threads parked for good cost a fraction of their full read (the JDK's
     * {@code ThreadInfo} of each read was half of what a cycle allocated). What is given up: a settled thread that
     * wakes and waits again in the same state is seen doing so late: within four scans at first, and once it has been
     * parked for 32 scans, within a quarter of the scans it had been parked for (a thread parked for hours is read
     * every {@value #READ_EVERY_MOST} scans).
     */
    static final int SETTLED_SCANS = 8;
    static final int READ_EVERY = 4;
    static final int READ_EVERY_MOST = 32;

    /**
     * Every how many scans a thread settled for {@code unchanged} scans is read: every {@value #READ_EVERY}th at first,
     * then at most a quarter of the scans it has been parked for, in powers of two, at most {@value #READ_EVERY_MOST}.
     */
    static int readEvery(int unchanged) {
        int every = READ_EVERY;
        while (every < READ_EVERY_MOST && unchanged >= 8 * every) {
            every *= 2;
        }
        return every;
    }

    /** What the last scans saw of one thread. */
    static final class Entry {
        private Thread.State state;
        private long blocked;
        private long waited;
        private List<String> stack;
        /** The stack is that of threads alike, not taken of this one ({@link StandIns}). */
        private boolean standIn;
        /** {@link StackRequests#kind} of the thread when its stack was taken. */
        private long kind;
        /** The scan in which the stack was taken. */
        private long takenIn;
        private long seen;
        private Verdict verdict;
        /** Scans in a row that saw the same state and counts. */
        private int unchanged;
        /** The platform thread as the last read of it found it; null for a virtual thread. */
        private ThreadRead read;
        /** {@code Class@hex} of the thread itself, made once ({@code ThreadRecord.identity}). */
        private String identity;
        /** The thread's identity hash code, asked once; 0 before (the JVM gives no object 0). */
        private int identityHash;
        /** Some thread was seen waiting on this one ({@link #waitedOn}). */
        private boolean joined;
        /** The lock behind {@link #lockBehindOf}, asked again only when the thread waits on something else. */
        private String lockBehind;
        private String lockBehindOf;
        /** The last record made of the thread, and what it was made from. */
        private ThreadRecord record;
        private long recordSource;
        /**
         * A virtual thread's waits seen begin ({@link QueueNodes}: found in another node of the same queue than the
         * scan before, or first found in one): -1 until it is first found in a queue.
         */
        private long waits = -1;

        /**
         * The record made last time from the same {@code source} (what the read found, as a number that moves when
         * it changes) with the same stack, or null: a thread that has not moved is not made into a new record every
         * cycle.
         */
        ThreadRecord recordFrom(long source, List<String> stack) {
            return record != null && recordSource == source && record.stack() == stack ? record : null;
        }

        /**
         * Whether another thread waits on this one ({@code Thread.join}), as {@code waitedOn} says, or was once seen
         * to: a {@code stop()} that joins for 100 ms at a time can be caught between two joins, and who waits for the
         * thread is then told from what the waiter was last seen in. Compared by hash code first, so that threads
         * nobody joins cost an int compare, and by the whole identity only on a match.
         */
        boolean waitedOn(Thread thread, WaitedOn waitedOn) {
            if (joined || waitedOn.isEmpty()) {
                return joined;
            }
            if (identityHash == 0) {
                identityHash = System.identityHashCode(thread);
            }
            joined = waitedOn.mayBe(identityHash) && waitedOn.is(identity(thread));
            return joined;
        }

        String identity(Thread thread) {
            if (identity == null) {
                identity = thread.getClass().getName() + '@' + Integer.toHexString(System.identityHashCode(thread));
            }
            return identity;
        }

        /**
         * The lock behind {@code blockedOn} as found when the thread last waited on it, or null: asked again only when
         * the thread has moved to another blocker ({@link #lockBehind(String, String)}). Asked of every waiting thread
         * each cycle, without a lambda to make the answer with: one per thread was 240 KB a cycle at ten thousand.
         */
        String knownLockBehind(String blockedOn) {
            return lockBehind != null && java.util.Objects.equals(blockedOn, lockBehindOf) ? lockBehind : null;
        }

        /** Keeps {@code lock}, found behind {@code blockedOn}, and returns it. */
        String lockBehind(String blockedOn, String lock) {
            lockBehind = lock;
            lockBehindOf = blockedOn;
            return lock;
        }

        /**
         * Keeps {@code carried}, which progress made of {@code made}, in its place when {@code made} is the record
         * last made here: the same observation with the same stack, plus what progress knows of the thread, so the
         * next scan that finds the thread as it was hands that one on ({@link RecordMakers}).
         */
        void adopt(ThreadRecord made, ThreadRecord carried) {
            if (record == made && carried.stack() == made.stack()) {
                record = carried;
            }
        }

        ThreadRecord recorded(long source, ThreadRecord made) {
            record = made;
            recordSource = source;
            return made;
        }

        /**
         * Whether a platform thread may go unread this scan ({@link #SETTLED_SCANS}): it has been waiting, for no
         * owner, with the same counts for a while, it still is in that state, and this is not its turn.
         */
        boolean restsThisScan(Thread.State now, long threadId, long cycle) {
            return read != null && read.version() > 0 && now == Thread.State.WAITING && state == now
                    && unchanged >= SETTLED_SCANS && read.ownerId() < 0
                    && (threadId + cycle) % readEvery(unchanged) != 0;
        }

        /** The last read of the platform thread, or null before its first. */
        ThreadRead lastRead() {
            return read;
        }

        /** The last read of the platform thread, made on first use. */
        ThreadRead read(long threadId) {
            if (read == null) {
                read = new ThreadRead(threadId);
            }
            return read;
        }

        Verdict verdict() {
            return verdict;
        }

        /** The wait count, or for a virtual thread what stands for it, the thread was last checked with. */
        long waited() {
            return waited;
        }

        long waits() {
            return waits;
        }

        /** Counts a wait when {@code node} is not the node {@code lastNode} it was in (0: none known). */
        void foundInNode(int lastNode, int node) {
            if (node != 0 && waits < 0) {
                waits = 0;
            } else if (node != 0 && lastNode != 0 && node != lastNode) {
                waits++;
            }
        }

        /** The kept stack while the thread stays as it was when the stack was taken, else empty. */
        List<String> stack() {
            return stack == null ? List.of() : stack;
        }

        /** Whether a stack taken of this very thread is kept. */
        boolean ownStack() {
            return stack != null && !standIn;
        }

        /** Whether the kept stack was taken in scan {@code cycle}. */
        boolean takenIn(long cycle) {
            return stack != null && takenIn == cycle;
        }

        /** The scan the kept stack was taken in. */
        long scanTaken() {
            return takenIn;
        }
    }

    /** Threads the probe did not see start (the JVM's, those older than an attach) keep their memory here. */
    private final Map<Long, Entry> untracked = new HashMap<>();
    private long cycle;

    /** Starts a scan: untracked threads not seen again before {@link #forgetUnseen()} are gone. */
    void beginScan() {
        cycle++;
    }

    long cycle() {
        return cycle;
    }

    /** The thread's entry, or null before its first scan; a tracked thread's lives with its origin. */
    Entry entry(long threadId, ThreadOrigin origin) {
        return origin != null ? (Entry) origin.memory() : untracked.get(threadId);
    }

    /**
     * The thread's entry, its verdict set: what to do for a thread now seen in {@code state} with these wait
     * counts (-1 when the JDK keeps none, as for virtual threads). {@code known} is its {@link #entry}.
     */
    Entry check(Entry known, long threadId, ThreadOrigin origin, Thread.State state, long blocked, long waited) {
        return check(known, threadId, origin, state, blocked, waited, false);
    }

    /**
     * As {@link #check(Entry, long, ThreadOrigin, Thread.State, long, long)}; {@code backInTheSameWait}: the thread
     * was woken but waits again on what it waited on, a wait that ends only once ({@code Progress.waitEndsOnce}), so
     * a wait count grown since is no move and its kept stack still stands.
     */
    Entry check(Entry known, long threadId, ThreadOrigin origin, Thread.State state, long blocked, long waited,
                boolean backInTheSameWait) {
        Entry e = known;
        if (e == null) {
            e = new Entry();
            if (origin != null) {
                origin.memory(e);
            } else {
                untracked.put(threadId, e);
            }
        } else if (e.state == state && e.blocked == blocked && (e.waited == waited || backInTheSameWait)) {
            // the count moved, the wait did not: what the next read is compared with
            e.waited = waited;
            e.seen = cycle;
            e.unchanged++;
            Verdict verdict = e.stack == null ? Verdict.DUE : e.standIn ? Verdict.STAND_IN : Verdict.CACHED;
            if (e.verdict != verdict) {
                // a reference written each cycle into an old object dirties a card for the collector
                e.verdict = verdict;
            }
            return e;
        }
        e.state = state;
        e.blocked = blocked;
        e.waited = waited;
        e.stack = null;
        e.standIn = false;
        e.seen = cycle;
        e.unchanged = 0;
        e.verdict = Verdict.NEW;
        return e;
    }

    /** Keeps a freshly taken stack for as long as the thread stays as it was seen. */
    void store(Entry e, Thread.State state, long blocked, long waited, List<String> stack, long kind) {
        e.state = state;
        e.blocked = blocked;
        e.waited = waited;
        e.stack = stack;
        e.standIn = false;
        e.kind = kind;
        e.takenIn = cycle;
    }

    /** Keeps the stack of threads alike for one not looked at, for as long as it stays as it was seen. */
    void standIn(Entry e, List<String> stack, long kind) {
        e.stack = stack;
        e.standIn = true;
        e.kind = kind;
        e.takenIn = cycle;
    }

    /** Drops the untracked threads not seen since {@link #beginScan()}; tracked ones go with their origin. */
    void forgetUnseen() {
        untracked.values().removeIf(e -> e.seen != cycle);
    }

    /** The kinds of thread that already have a kept stack to stand for them. */
    static Set<Long> kindsWithStack(Entry[] entries) {
        Set<Long> out = new HashSet<>();
        long last = 0;
        for (Entry e : entries) {
            // alike threads come in runs: the same kind as the previous one is not looked up again
            if (e != null && e.stack != null && (out.isEmpty() || e.kind != last)) {
                out.add(e.kind);
                last = e.kind;
            }
        }
        return out;
    }

    /** The stacks {@code entries} keep, for pruning the {@link StackTable}. */
    static void stacks(Entry[] entries, List<List<String>> out) {
        for (Entry e : entries) {
            if (e != null && e.stack != null) {
                out.add(e.stack);
            }
        }
    }
}
