package dev.threadhound.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Carries "no progress since" forward from one snapshot to the next. A thread has progressed when its state or
 * top frame changed, or its blocked/waited counts grew, or, running, its CPU time grew; a consumer usually found in {@code take()}
 * that keeps receiving items therefore keeps resetting its clock. A thread whose start the source did not know
 * counts as started when first seen. It also carries what a single look cannot show ({@link ThreadHistory}: the
 * waits a thread came back from, a run of timed waits in one call, a run at full CPU) and counts hot locks
 * ({@link LockSamples}). Pure: the clock is the snapshots' own.
 */
public final class Progress {

    private Progress() {
    }

    /** {@code current} with every stalled-since, queued-since and idle-since carried over from {@code previous}. */
    public static Snapshot carry(Snapshot previous, Snapshot current) {
        return carry(previous, current, null, null);
    }

    /**
     * As {@link #carry(Snapshot, Snapshot)}, for a source that knows more ({@link ProgressCarrier}).
     *
     * @param unchanged by position in {@code current}, or null: the thread is the very record the source gave at this
     *                  position in the snapshot {@code previous} was carried from, and carrying it over then kept
     *                  {@code previous}'s record at this position as it was; it is kept again, neither record read
     * @param kept      by position in {@code current}, or null: filled with whether the carry kept the record it
     *                  carried over as it was
     */
    static Snapshot carry(Snapshot previous, Snapshot current, boolean[] unchanged, boolean[] kept) {
        long now = current.takenAt();
        Map<String, TaskRecord> tasksBefore = new HashMap<>();
        Map<String, ExecutorRecord> executorsBefore = new HashMap<>();
        if (previous != null) {
            previous.tasks().forEach(t -> tasksBefore.put(taskKey(t), t));
            previous.executors().forEach(e -> executorsBefore.put(e.identity(), e));
        }
        long beforeAt = previous != null ? previous.takenAt() : now;
        List<ThreadRecord> matched = matched(previous == null ? List.of() : previous.threads(), current.threads(),
                unchanged);
        // threads carried over as they were share the previous list's chunks
        FilledList.Filler<ThreadRecord> threads = FilledList.fillerLike(
                previous != null ? previous.threads() : List.of(), matched.size());
        for (int i = 0; i < matched.size(); i++) {
            ThreadRecord before = matched.get(i);
            if (unchanged != null && unchanged[i]) {
                // a carry of the same two records, later, keeps it again (ProgressCarrierTest): at ten thousand parked
                // threads a cycle apart, reading both out of memory was a fourth of a cycle
                threads.add(before);
                if (kept != null) {
                    kept[i] = true;
                }
                continue;
            }
            ThreadRecord carried = carry(before, beforeAt, current.threads().get(i), now);
            threads.add(carried);
            if (kept != null) {
                kept[i] = carried == before;
            }
        }
        List<TaskRecord> tasks = current.tasks().stream()
                .map(t -> {
                    TaskRecord old = tasksBefore.get(taskKey(t));
                    return t.withSince(old != null ? old.since() : firstSeen(t.since(), now));
                })
                .toList();
        List<ExecutorRecord> executors = current.executors().stream()
                .map(e -> carry(executorsBefore.get(e.identity()), e, now))
                .toList();
        LockSamples samples = LockSamples.carry(previous != null ? previous.lockSamples() : LockSamples.NONE,
                matched, current.threads(), unchanged, now - beforeAt);
        return current.withThreads(threads.list()).withTasks(tasks).withExecutors(executors).withLockSamples(samples);
    }

    /**
     * The thread carried over. A thread seen exactly as before, with nothing new learned, keeps its earlier record:
     * a JVM whose hundred thousand threads stay put makes no new records here.
     */
    private static ThreadRecord carry(ThreadRecord before, long beforeAt, ThreadRecord now, long takenAt) {
        boolean progressed = before != null && progressed(before, now);
        ThreadHistory was = before != null ? before.history() : ThreadHistory.NONE;
        LearnedWaits learned = LearnedWaits.carry(was.learned(), before, now, progressed, takenAt);
        TimedWaitRun timed = TimedWaitRun.carry(was.timed(), now, takenAt);
        HotRun hot = HotRun.carry(was.hot(), before, beforeAt, now, takenAt);
        long stalledSince = stalledSince(before, now, takenAt);
        OneShotWait oneShot = OneShotWait.carry(was.oneShot(), now, stalledSince, was.learned());
        if (oneShot != null && oneShot == was.oneShot() && oneShot.returnedIn(now)) {
            // back in a wait that ends once, its wait count grown or a look between that found it running: woken by
            // something else than what it waits for, it never left that wait
            stalledSince = oneShot.since();
            learned = oneShot.learnedBefore();
        }
        ThreadHistory history = learned == was.learned() && timed == was.timed() && hot == was.hot()
                && oneShot == was.oneShot() ? was : new ThreadHistory(learned, timed, hot, oneShot);
        long startedAt = startedAt(before, now, takenAt);
        if (before != null && before.stalledSince() == stalledSince && before.startedAt() == startedAt
                && before.history().equals(history) && before.sameObservation(now)) {
            return before;
        }
        return now.withProgress(stalledSince, startedAt, history);
    }

    /**
     * For each thread of {@code current}, itself in {@code previous}, or null. A source lists its threads in much the
     * same order every time, so the match is first tried at the next position, and an index by id
     * ({@link PositionsById}) is built only once the orders part. While every thread is where it was, the previous
     * list is the answer and no new one is made.
     */
    private static List<ThreadRecord> matched(List<ThreadRecord> previous, List<ThreadRecord> current,
                                              boolean[] unchanged) {
        if (previous.isEmpty()) {
            // the first snapshot: nothing to look up, each id would only be boxed to find nothing
            return Collections.nCopies(current.size(), null);
        }
        List<ThreadRecord> out = null;
        PositionsById index = null;
        int next = 0;
        for (int i = 0; i < current.size(); i++) {
            ThreadRecord before = null;
            if (unchanged != null && unchanged[i]) {
                // the same record at the same position: the same thread, whose id need not be read
                before = previous.get(i);
                next = i + 1;
            } else if (next < previous.size() && previous.get(next).id() == current.get(i).id()) {
                before = previous.get(next++);
            } else {
                if (index == null) {
                    index = new PositionsById(previous);
                }
                int at = index.of(current.get(i).id());
                if (at >= 0) {
                    before = previous.get(at);
                    next = at + 1;
                }
            }
            if (out == null && (before == null || next != i + 1)) {
                out = new ArrayList<>(current.size());
                out.addAll(previous.subList(0, i));
            }
            if (out != null) {
                out.add(before);
            }
        }
        if (out != null) {
            return out;
        }
        return current.size() == previous.size() ? previous : previous.subList(0, current.size());
    }

    /**
     * A snapshot's positions by thread id, for when the orders part: a thread that starts or ends between two
     * snapshots does (the registry lists threads in its hash order), so at a hundred thousand threads with any churn
     * this is built every cycle, and any thread started or ended between two cycles has it built. A table of
     * primitive ids and positions, open addressing: carrying 100,000 threads over with 1 % of them new and 1 % gone
     * allocates 4.9 MB and takes 14-20 ms where a map of boxed ids made it 10 MB and 47-51 ms (measured alone). At
     * most three quarters full (half, it was 384 KB a cycle at ten thousand threads; now 192): a probe past the
     * thread's slot reads the next slot of the same arrays, where one through the threads themselves would read
     * another record out of memory.
     */
    private static final class PositionsById {

        private final long[] ids;
        /** Position + 1; 0 marks a free slot. */
        private final int[] positions;
        private final int mask;

        PositionsById(List<ThreadRecord> threads) {
            int capacity = Integer.highestOneBit(Math.max(2, threads.size() * 4 / 3 + 1) * 2 - 1);
            ids = new long[capacity];
            positions = new int[capacity];
            mask = capacity - 1;
            for (int i = 0; i < threads.size(); i++) {
                long id = threads.get(i).id();
                int slot = slot(id);
                while (positions[slot] != 0 && ids[slot] != id) {
                    slot = (slot + 1) & mask;
                }
                if (positions[slot] == 0) {
                    // an id listed twice (no source does) keeps its first position
                    ids[slot] = id;
                    positions[slot] = i + 1;
                }
            }
        }

        /** The first position of the thread, or -1. */
        int of(long id) {
            for (int slot = slot(id); positions[slot] != 0; slot = (slot + 1) & mask) {
                if (ids[slot] == id) {
                    return positions[slot] - 1;
                }
            }
            return -1;
        }

        private int slot(long id) {
            // thread ids are consecutive: spread them over the table
            return (int) ((id * 0x9E3779B97F4A7C15L) >>> 33) & mask;
        }
    }

    static boolean progressed(ThreadRecord before, ThreadRecord now) {
        if (!Objects.equals(before.state(), now.state())) {
            return true;
        }
        if (before.topFrame() != null && now.topFrame() != null && !before.topFrame().equals(now.topFrame())) {
            return true;
        }
        // parked on another object: a new wait (a virtual thread, which has no wait counts, joining a new future)
        if (before.blockedOn() != null && now.blockedOn() != null && !before.blockedOn().equals(now.blockedOn())) {
            return true;
        }
        // CPU time says something only of a running thread: one blocked on a monitor still gains a few microseconds
        // between samples on JDK 17 (the VM's own bookkeeping) without ever getting the lock.
        return grew(before.blockedCount(), now.blockedCount())
                || grew(before.waitedCount(), now.waitedCount())
                || ("RUNNABLE".equals(now.state()) && grew(before.cpuTimeNanos(), now.cpuTimeNanos()));
    }

    /**
     * Whether a wait on {@code blockedOn} ({@code Class@hex}) ends for good once it ends: a latch opens once, a task
     * completes once, a thread ends once, and a later wait on it returns at once. A thread woken and found waiting
     * again on the same one has not got what it waits for: it was woken by something else, an interrupt it swallows
     * and retries (Netty's {@code HashedWheelTimer.stop()} interrupts its worker every 100 ms until it ends), and has
     * made no progress, although its wait count grew. A consumer woken by its queue and back on the queue's
     * condition has.
     */
    public static boolean waitEndsOnce(String blockedOn) {
        return blockedOn.startsWith("java.util.concurrent.CountDownLatch$Sync@")
                || blockedOn.startsWith("java.util.concurrent.FutureTask@")
                || blockedOn.startsWith("java.lang.Thread@");
    }

    private static long stalledSince(ThreadRecord before, ThreadRecord now, long takenAt) {
        if (before == null) {
            return firstSeen(now.stalledSince(), takenAt);
        }
        return progressed(before, now) ? takenAt : before.stalledSince();
    }

    /** A start time the source did not know is the first snapshot that showed the thread. */
    private static long startedAt(ThreadRecord before, ThreadRecord now, long takenAt) {
        if (now.startedAt() > 0) {
            return now.startedAt();
        }
        return before != null && before.startedAt() > 0 ? before.startedAt() : takenAt;
    }

    private static ExecutorRecord carry(ExecutorRecord before, ExecutorRecord now, long takenAt) {
        long saturatedSince = 0;
        int queuedAtStart = 0;
        if (now.saturatedNow()) {
            boolean continuing = before != null && before.saturatedSince() > 0;
            saturatedSince = continuing ? before.saturatedSince() : takenAt;
            queuedAtStart = continuing ? before.queuedAtSaturation() : now.queued();
        }
        return now.withProgress(idleSince(before, now, takenAt), saturatedSince, queuedAtStart);
    }

    /**
     * What the source knows (when the executor's workers last ended a task) before what was seen: a pool that ran a
     * task between two cycles was not idle all along, and one seen idle first at a late cycle was idle before.
     */
    private static long idleSince(ExecutorRecord before, ExecutorRecord now, long takenAt) {
        if (now.activeThreads() > 0 || now.queued() > 0) {
            return 0;
        }
        if (now.idleSince() > 0) {
            return Math.min(now.idleSince(), takenAt);
        }
        return before != null && before.idleSince() > 0 ? before.idleSince() : takenAt;
    }

    /** A source may already know since when (a dump's own timestamp); otherwise the first sighting counts. */
    private static long firstSeen(long known, long takenAt) {
        return known > 0 ? Math.min(known, takenAt) : takenAt;
    }

    private static boolean grew(long before, long now) {
        return before >= 0 && now >= 0 && now != before;
    }

    private static String taskKey(TaskRecord t) {
        return t.identity() + '/' + t.state() + '/' + t.threadId();
    }
}
