package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ThreadOrigin;
import dev.threadhound.model.ThreadRecord;

import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every platform thread of the JVM as records: the cheap scan ({@code getThreadInfo} without stacks), then the
 * stacks the scan asks for within the snapshot's budget, then one record per thread.
 */
final class PlatformThreads {

    private final ThreadMXBean mx;
    private final StackFetcher fetcher;
    private final StackCache cache = new StackCache();
    private StackCache.Entry[] lastScan = new StackCache.Entry[0];

    PlatformThreads(ThreadMXBean mx, StackFetcher fetcher) {
        this.mx = mx;
        this.fetcher = fetcher;
    }

    /** @param tracked the live platform threads the probe saw start */
    List<ThreadRecord> records(StackPolicy policy, List<TrackedThread> tracked) {
        long[] ids = ids(tracked);
        TrackedThread[] known = Arrays.copyOf(tracked.toArray(new TrackedThread[0]), ids.length);
        StackCache.Entry[] entries = new StackCache.Entry[ids.length];
        ThreadInfo[] infos = scan(policy, ids, known, entries);
        Map<Long, Long> cpu = runningCpu(infos);
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
            if (policy.wants(state, entries[i].verdict())) {
                requests.add(i, kind(known[i], info));
            }
        }
        cache.forgetUnseen();
        lastScan = entries;
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
                entries[position].read(info);
                cache.store(entries[position], info.getThreadState(), info.getBlockedCount(), info.getWaitedCount(),
                        stack, kind(known[position], info));
            }
        });
        long cycle = cache.cycle();
        List<ThreadRecord> out = new ArrayList<>(infos.length);
        for (int i = 0; i < infos.length; i++) {
            if (infos[i] == null) {
                continue;
            }
            ThreadInfo info = entries[i].lastInfo();
            long id = info.getThreadId();
            Thread.State state = info.getThreadState();
            ThreadOrigin origin = origin(known[i]);
            List<String> stack = policy.shown(state, entries[i], cycle);
            String executor = known[i] != null ? known[i].executor : null;
            ThreadRecord same = entries[i].recordFrom(info, stack);
            if (same != null && Objects.equals(same.executor(), executor)) {
                out.add(same);
                continue;
            }
            long cpuTime = state == Thread.State.RUNNABLE ? cpu.getOrDefault(id, -1L) : -1;
            out.add(entries[i].recorded(info, new ThreadRecord(id, info.getThreadName(), false, info.isDaemon(),
                    state.name(), stack, info.getLockName(), info.getLockOwnerId(), info.getLockOwnerName(),
                    info.getBlockedCount(), info.getWaitedCount(), cpuTime,
                    origin != null ? origin.site().text() : List.of(),
                    origin != null ? origin.parentId() : -1, executor, 0)));
        }
        return out;
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

    /** The entries of the last scan: the stacks in use. */
    StackCache.Entry[] lastScan() {
        return lastScan;
    }

    /**
     * The cheap scan: {@code getThreadInfo} without stacks, so no pause of the threads, about a microsecond each; a
     * settled thread is read only on its turn ({@link StackCache#SETTLED_SCANS}), its last read standing in for it
     * while {@code Thread.getState()} says it has not moved. A request for every thread reads every thread.
     */
    private ThreadInfo[] scan(StackPolicy policy, long[] ids, TrackedThread[] known, StackCache.Entry[] entries) {
        cache.beginScan();
        long cycle = cache.cycle();
        ThreadInfo[] infos = new ThreadInfo[ids.length];
        int[] toRead = new int[ids.length];
        int reads = 0;
        for (int i = 0; i < ids.length; i++) {
            entries[i] = cache.entry(ids[i], origin(known[i]));
            if (policy == StackPolicy.SUSPECTS && known[i] != null && entries[i] != null
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
     * CPU time says something only of a running thread (see {@code Progress}): asked for those alone, since each
     * costs a system call (about 10 ms for ten thousand threads).
     */
    private Map<Long, Long> runningCpu(ThreadInfo[] infos) {
        List<Long> running = new ArrayList<>();
        for (ThreadInfo info : infos) {
            if (info != null && info.getThreadState() == Thread.State.RUNNABLE) {
                running.add(info.getThreadId());
            }
        }
        long[] ids = running.stream().mapToLong(Long::longValue).toArray();
        long[] times = CpuTimes.of(mx, ids);
        Map<Long, Long> out = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            out.put(ids[i], times[i]);
        }
        return out;
    }

    private static ThreadOrigin origin(TrackedThread t) {
        return t != null ? t.origin : null;
    }

    private static long kind(TrackedThread t, ThreadInfo info) {
        return StackRequests.kind(t != null ? t.origin.site() : null, info.getThreadState(),
                info.getLockInfo() != null ? info.getLockInfo().getClassName() : null);
    }
}
