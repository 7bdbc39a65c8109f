package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ThreadOrigin;
import dev.threadhound.detect.Frames;
import dev.threadhound.model.ThreadRecord;

import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Every platform thread of the JVM as records: the cheap scan ({@code getThreadInfo} without stacks), then the
 * stacks the scan asks for within the snapshot's budget (suspects that stayed waiting, and the few
 * {@link SuspectLooks} and a JVM kept from exiting want looked at), then one record per thread.
 */
final class PlatformThreads {

    private final ThreadMXBean mx;
    private final StackFetcher fetcher;
    private final LockBehind lockBehind;
    private final SuspectLooks suspects;
    private final StackCache cache = new StackCache();
    private StackCache.Entry[] lastScan = new StackCache.Entry[0];

    PlatformThreads(ThreadMXBean mx, StackFetcher fetcher, LockBehind lockBehind, SuspectLooks suspects) {
        this.mx = mx;
        this.fetcher = fetcher;
        this.lockBehind = lockBehind;
        this.suspects = suspects;
    }

    /** @param tracked the live platform threads the probe saw start */
    List<ThreadRecord> records(StackPolicy policy, List<TrackedThread> tracked) {
        long[] ids = ids(tracked);
        TrackedThread[] known = Arrays.copyOf(tracked.toArray(new TrackedThread[0]), ids.length);
        StackCache.Entry[] entries = new StackCache.Entry[ids.length];
        ThreadInfo[] infos = scan(policy, ids, known, entries);
        long[] cpu = cpu(infos);
        boolean mainEnded = mainEnded(infos);
        StackCache.Entry[] previous = lastScan;
        StackRequests requests = new StackRequests(() -> StackCache.kindsWithStack(previous), policy.mostStacks());
        for (int i = 0; i < infos.length; i++) {
            ThreadInfo info = infos[i];
            if (info == null) {
                continue;
            }
            Thread.State state = info.getThreadState();
            entries[i] = cache.check(entries[i], info.getThreadId(), origin(known[i]), state, info.getBlockedCount(),
                    info.getWaitedCount());
            entries[i].read(info);
            if (holdsTheJvm(mainEnded, info)) {
                requests.urgent(i);
            } else if (policy.wants(state, entries[i].verdict())) {
                requests.add(i, kind(known[i], info));
            }
        }
        cache.forgetUnseen();
        lastScan = entries;
        if (policy == StackPolicy.SUSPECTS) {
            lookAtSuspects(infos, cpu, known, requests);
        }
        fetcher.fetch(policy, requests, new StackFetcher.Scanned() {
            @Override
            public long id(int position) {
                return infos[position].getThreadId();
            }

            @Override
            public Thread thread(int position) {
                return known[position] != null ? known[position].thread : null;
            }

            @Override
            public void taken(int position, List<String> stack, ThreadInfo fresh) {
                ThreadInfo info = fresh != null ? fresh : infos[position];
                if (fresh == null && !stillInTheWait(info)) {
                    return;
                }
                entries[position].read(info);
                cache.store(entries[position], info.getThreadState(), info.getBlockedCount(), info.getWaitedCount(),
                        stack, kind(known[position], info));
                suspects.looked(info.getThreadId(), info.getThreadState(), stack);
            }
        });
        long cycle = cache.cycle();
        List<ThreadRecord> out = new ArrayList<>(infos.length);
        for (int i = 0; i < infos.length; i++) {
            if (infos[i] != null) {
                out.add(record(policy, entries[i], known[i], cpu[i], cycle));
            }
        }
        return out;
    }

    /** The entries of the last scan: the stacks in use. */
    StackCache.Entry[] lastScan() {
        return lastScan;
    }

    /** A thread that has not moved keeps last cycle's record; the others get a new one. */
    private ThreadRecord record(StackPolicy policy, StackCache.Entry entry, TrackedThread known, long cpu, long cycle) {
        ThreadInfo info = entry.lastInfo();
        long id = info.getThreadId();
        Thread.State state = info.getThreadState();
        List<String> stack = policy.shown(state, entry, cycle);
        if (stack.isEmpty() && policy == StackPolicy.SUSPECTS && state == Thread.State.TIMED_WAITING) {
            // a timed waiter's last look, while it has not left that wait
            stack = suspects.carried(id);
        }
        String executor = known != null ? known.executor : null;
        ThreadRecord same = entry.recordFrom(info, stack);
        if (same != null && Objects.equals(same.executor(), executor)) {
            return same;
        }
        ThreadOrigin origin = origin(known);
        String blockedOn = info.getLockName();
        String lock = lockBehind(entry, info, known);
        if (origin != null && lock != null) {
            // what it leaves behind if it dies: the lock, and where it waited on it
            origin.sawWaiting(lock, blockedOn, Frames.calledInto(stack));
        }
        // only a running thread can spin with others joining it: the rest need no identity
        String identity = state == Thread.State.RUNNABLE && known != null ? entry.identity(known.thread) : null;
        return entry.recorded(info, new ThreadRecord(id, info.getThreadName(), false, info.isDaemon(), state.name(),
                stack, blockedOn, info.getLockOwnerId(), info.getLockOwnerName(), info.getBlockedCount(),
                info.getWaitedCount(), cpu, origin != null ? origin.site().text() : List.of(),
                origin != null ? origin.parentId() : -1, executor, 0, origin != null ? origin.startedAt() : 0, lock)
                .withIdentity(identity));
    }

    /**
     * Whether a thread the scan saw waiting was still in that very wait once its stack was taken: a stack taken on
     * its own (by handshake, after the scan) of a short wait may show where the thread ran next, or its next wait,
     * and a lock's site drawn from it would name the wrong place. Same state, blocker and counts after the stack as
     * at the scan mean it never left; otherwise the stack is dropped and taken again when the thread is next asked
     * for. A running thread's stack shows where it runs at any moment: it is kept.
     */
    private boolean stillInTheWait(ThreadInfo scanned) {
        Thread.State state = scanned.getThreadState();
        if (state != Thread.State.BLOCKED && state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return true;
        }
        ThreadInfo now = mx.getThreadInfo(scanned.getThreadId());
        return now != null && now.getThreadState() == state && Objects.equals(now.getLockName(), scanned.getLockName())
                && now.getBlockedCount() == scanned.getBlockedCount() && now.getWaitedCount() == scanned.getWaitedCount();
    }

    /** For a thread the probe tracks and that waits on something: the lock behind it; else null. */
    private String lockBehind(StackCache.Entry entry, ThreadInfo info, TrackedThread known) {
        if (known == null || info.getLockName() == null || info.getThreadState() == Thread.State.RUNNABLE) {
            return null;
        }
        return entry.lockBehind(info.getLockName(), () -> lockBehind.of(known.thread, info.getLockName()));
    }

    /** The few threads {@link SuspectLooks} wants looked at this cycle, besides those already asked for. */
    private void lookAtSuspects(ThreadInfo[] infos, long[] cpu, TrackedThread[] known, StackRequests requests) {
        Set<Long> due = new HashSet<>();
        for (int p : requests.ordered()) {
            due.add(infos[p].getThreadId());
        }
        Set<Long> workers = new HashSet<>();
        Map<Long, Integer> positions = new HashMap<>();
        for (int i = 0; i < infos.length; i++) {
            if (known[i] != null && known[i].executor != null) {
                workers.add(known[i].id);
            }
        }
        List<Long> picked = suspects.pick(infos, cpu, due, workers);
        if (picked.isEmpty()) {
            return;
        }
        for (int i = 0; i < infos.length; i++) {
            if (infos[i] != null) {
                positions.put(infos[i].getThreadId(), i);
            }
        }
        for (long id : picked) {
            Integer p = positions.get(id);
            if (p != null) {
                requests.urgent(p);
            }
        }
    }

    /**
     * Every platform thread's id: the tracked ones first, in the registry's order, then the others (the JVM's, those
     * older than an attach) as {@code getAllThreadIds} finds them. No map of boxed ids: the tracked ids are sorted
     * once and searched.
     */
    private long[] ids(List<TrackedThread> tracked) {
        long[] sorted = new long[tracked.size()];
        for (int i = 0; i < sorted.length; i++) {
            sorted[i] = tracked.get(i).id;
        }
        long[] ids = Arrays.copyOf(sorted, tracked.size() + mx.getThreadCount() + 64);
        Arrays.sort(sorted);
        int n = tracked.size();
        for (long id : mx.getAllThreadIds()) {
            if (Arrays.binarySearch(sorted, id) < 0) {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, n * 2);
                }
                ids[n++] = id;
            }
        }
        return Arrays.copyOf(ids, n);
    }

    /**
     * The cheap scan: {@code getThreadInfo} without stacks, so no pause of the threads, about a microsecond each; a
     * settled thread is read only on its turn ({@link StackCache#SETTLED_SCANS}), its last read standing in for it
     * while {@code Thread.getState()} says it has not moved: in the cycle and in a {@code /threads} request alike
     * (ten thousand fresh reads were most of what such a request allocated). A tool asking for every thread's
     * stack whatever it costs (the JUnit check) reads every thread.
     */
    private ThreadInfo[] scan(StackPolicy policy, long[] ids, TrackedThread[] known, StackCache.Entry[] entries) {
        cache.beginScan();
        long cycle = cache.cycle();
        ThreadInfo[] infos = new ThreadInfo[ids.length];
        int[] toRead = new int[ids.length];
        int reads = 0;
        for (int i = 0; i < ids.length; i++) {
            entries[i] = cache.entry(ids[i], origin(known[i]));
            if (policy != StackPolicy.EVERY_THREAD && known[i] != null && entries[i] != null
                    && entries[i].restsThisScan(known[i].thread.getState(), ids[i], cycle)) {
                infos[i] = entries[i].lastInfo();
            } else {
                toRead[reads++] = i;
            }
        }
        long[] readIds = new long[reads];
        for (int r = 0; r < reads; r++) {
            readIds[r] = ids[toRead[r]];
        }
        ThreadInfo[] read = mx.getThreadInfo(readIds, 0);
        for (int r = 0; r < reads; r++) {
            infos[toRead[r]] = read[r];
        }
        return infos;
    }

    /**
     * CPU time, by scan position, of the threads it says something of: a running thread (progress, a spinning
     * loop) and a timed waiter (a polling loop uses almost none); -1 for the others. Each costs a system call, about
     * 10 ms for ten thousand threads, so threads parked for good cost none.
     */
    private long[] cpu(ThreadInfo[] infos) {
        int[] positions = new int[infos.length];
        int n = 0;
        for (int i = 0; i < infos.length; i++) {
            Thread.State state = infos[i] != null ? infos[i].getThreadState() : null;
            if (state == Thread.State.RUNNABLE || state == Thread.State.TIMED_WAITING) {
                positions[n++] = i;
            }
        }
        long[] ids = new long[n];
        for (int k = 0; k < n; k++) {
            ids[k] = infos[positions[k]].getThreadId();
        }
        long[] times = CpuTimes.of(mx, ids);
        long[] out = new long[infos.length];
        Arrays.fill(out, -1);
        for (int k = 0; k < n; k++) {
            out[positions[k]] = times[k];
        }
        return out;
    }

    /** When {@code main} has returned, the launcher's thread is {@code DestroyJavaVM}, waiting for the JVM to end. */
    private static boolean mainEnded(ThreadInfo[] infos) {
        for (ThreadInfo info : infos) {
            if (info != null && "DestroyJavaVM".equals(info.getThreadName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * After {@code main} has returned, every non-daemon thread is a suspect of keeping the JVM up, and its stack
     * says what it is; there are few of them, so they cost a stack each per cycle.
     */
    private static boolean holdsTheJvm(boolean mainEnded, ThreadInfo info) {
        return mainEnded && !info.isDaemon() && !"DestroyJavaVM".equals(info.getThreadName())
                && !info.getThreadName().startsWith("threadhound-");
    }

    private static ThreadOrigin origin(TrackedThread t) {
        return t != null ? t.origin : null;
    }

    private static long kind(TrackedThread t, ThreadInfo info) {
        return StackRequests.kind(t != null ? t.origin.site() : null, info.getThreadState(),
                info.getLockInfo() != null ? info.getLockInfo().getClassName() : null);
    }
}
