package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.track.ExecutorNames;
import dev.threadhound.agent.track.ExecutorOrigin;
import dev.threadhound.agent.track.ExecutorRegistry;
import dev.threadhound.agent.track.TaskSites;
import dev.threadhound.agent.track.ThreadOrigin;
import dev.threadhound.agent.track.ThreadRegistry;
import dev.threadhound.agent.track.WorkerSlot;
import dev.threadhound.model.ExecutorRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.TaskRecord;
import dev.threadhound.model.TaskState;
import dev.threadhound.model.ThreadRecord;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one {@link Snapshot} of the live JVM in two steps: a cheap scan of every thread (platform threads' states
 * and wait counts without stacks, about 1 µs a thread; tracked virtual threads' states), then stacks for the
 * suspects the scan found, within a {@link StackBudget} ({@link StackRequests}, {@link StackFetcher}); then what the
 * probe knows: creation sites, pools and their in-flight tasks. Not thread-safe by design: one detector loop owns
 * it, and the few requests that want a snapshot of their own wait for it.
 */
public final class SnapshotBuilder {

    /** How many stacks a snapshot may take, by who asks. */
    private enum Stacks {
        /** The periodic cycle: stacks of threads that stayed waiting, a budgeted number per cycle. */
        SUSPECTS,
        /** {@code /threads}: every thread's, within a request's budget; the rest are shown without. */
        EVERY_THREAD_WITHIN_BUDGET,
        /** A tool asking once about a few threads (the JUnit check): every thread's. */
        EVERY_THREAD;

        StackBudget budget() {
            return switch (this) {
                case SUSPECTS -> StackBudget.perCycle();
                case EVERY_THREAD_WITHIN_BUDGET -> StackBudget.perRequest();
                case EVERY_THREAD -> StackBudget.unlimited();
            };
        }
    }

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final ThreadRegistry threads;
    private final ExecutorRegistry executors;
    private final ExecutorInspector inspector;
    private volatile LockEvidence locks = LockEvidence.NONE;
    private final StackTable stackTable = new StackTable();
    private final StackFetcher fetcher = new StackFetcher(mx, stackTable);
    private final StackCache platformStacks = new StackCache();
    private final StackCache virtualStacks = new StackCache();
    /** The last scan's entries, whose stacks are the ones in use. */
    private StackCache.Entry[] platformEntries = new StackCache.Entry[0];
    private StackCache.Entry[] virtualEntries = new StackCache.Entry[0];

    public SnapshotBuilder(ThreadRegistry threads, ExecutorRegistry executors, TaskSites sites) {
        this.threads = threads;
        this.executors = executors;
        this.inspector = new ExecutorInspector(sites);
    }

    public void lockEvidence(LockEvidence evidence) {
        this.locks = evidence;
    }

    /**
     * @param allStacks every thread with its stack, whatever it costs (a tool asking once about a few threads: the
     *                  JUnit extension); false for the periodic cycle, which takes stacks only of suspects
     */
    public Snapshot build(boolean allStacks) {
        return build(allStacks ? Stacks.EVERY_THREAD : Stacks.SUSPECTS);
    }

    /**
     * Every thread, with as many stacks as one request may take ({@link StackBudget#perRequest()}): stacks of threads
     * that have not moved since they were taken are reused, the others taken fresh until the budget is spent.
     */
    public Snapshot buildForRequest() {
        return build(Stacks.EVERY_THREAD_WITHIN_BUDGET);
    }

    private synchronized Snapshot build(Stacks stacks) {
        long now = System.currentTimeMillis();
        threads.expunge();
        executors.expunge();

        int expected = threads.size() + 16;
        Map<Long, Tracked> tracked = new HashMap<>();
        List<Thread> virtual = new ArrayList<>(expected);
        List<ThreadOrigin> virtualOrigins = new ArrayList<>(expected);
        for (Map.Entry<Thread, ThreadOrigin> e : threads.entries()) {
            Thread t = e.getKey();
            if (t == null || !t.isAlive()) {
                continue;
            }
            if (ThreadKinds.isVirtual(t)) {
                virtual.add(t);
                virtualOrigins.add(e.getValue());
            } else {
                tracked.put(t.getId(), new Tracked(t, e.getValue()));
            }
        }
        Map<Object, ExecutorOrigin> pools = livePools();
        Map<ExecutorOrigin, List<Long>> workers = new HashMap<>();
        assignWorkers(tracked, pools, workers);

        List<ThreadRecord> records = new ArrayList<>(tracked.size() + virtual.size() + 64);
        records.addAll(platformThreads(stacks, tracked));
        records.addAll(virtualThreads(stacks, virtual, virtualOrigins));
        stackTable.prune(this::allStacksKept);

        List<ExecutorRecord> executorRecords = new ArrayList<>();
        List<TaskRecord> tasks = new ArrayList<>();
        for (Map.Entry<Object, ExecutorOrigin> e : pools.entrySet()) {
            ExecutorOrigin origin = e.getValue();
            String name = ExecutorNames.name(origin);
            ExecutorRecord record = inspector.record(e.getKey(), origin, name, workers.getOrDefault(origin, List.of()));
            if (record != null) {
                executorRecords.add(record);
                tasks.addAll(inspector.queuedTasks(e.getKey(), name));
            }
        }
        tasks.addAll(runningTasks(tracked));
        return new Snapshot(now, records, tasks, executorRecords, locks.contention(now), locks.pinning(now));
    }

    /** A live platform thread the probe saw start, and the pool it works for when it is a worker. */
    private static final class Tracked {
        final Thread thread;
        final ThreadOrigin origin;
        String executor;

        Tracked(Thread thread, ThreadOrigin origin) {
            this.thread = thread;
            this.origin = origin;
        }
    }

    private Map<Object, ExecutorOrigin> livePools() {
        Map<Object, ExecutorOrigin> pools = new HashMap<>();
        for (Map.Entry<Object, ExecutorOrigin> e : executors.entries()) {
            if (e.getKey() != null) {
                pools.put(e.getKey(), e.getValue());
            }
        }
        return pools;
    }

    private void assignWorkers(Map<Long, Tracked> tracked, Map<Object, ExecutorOrigin> pools,
                               Map<ExecutorOrigin, List<Long>> workers) {
        for (Map.Entry<Long, Tracked> e : tracked.entrySet()) {
            Tracked t = e.getValue();
            ExecutorOrigin pool = null;
            WorkerSlot slot = t.origin.worker();
            if (slot != null) {
                pool = slot.executor();
            } else if (t.thread instanceof java.util.concurrent.ForkJoinWorkerThread fj) {
                pool = pools.computeIfAbsent(fj.getPool(), executors::adopt);
                inspector.nameFromWorker(pool, fj.getName());
            }
            if (pool != null) {
                workers.computeIfAbsent(pool, k -> new ArrayList<>()).add(e.getKey());
                t.executor = ExecutorNames.name(pool);
            }
        }
    }

    private List<ThreadRecord> platformThreads(Stacks stacks, Map<Long, Tracked> tracked) {
        long[] ids = mx.getAllThreadIds();
        Tracked[] known = new Tracked[ids.length];
        StackCache.Entry[] entries = new StackCache.Entry[ids.length];
        ThreadInfo[] infos = scan(stacks, ids, tracked, known, entries);
        Map<Long, Long> cpu = runningCpu(infos);
        StackRequests requests = new StackRequests();
        for (int i = 0; i < infos.length; i++) {
            ThreadInfo info = infos[i];
            if (info == null) {
                continue;
            }
            Thread.State state = info.getThreadState();
            entries[i] = platformStacks.check(entries[i], info.getThreadId(), known[i] != null ? known[i].origin : null,
                    state, info.getBlockedCount(), info.getWaitedCount());
            entries[i].read(info);
            if (wanted(stacks, state, entries[i].verdict())) {
                requests.add(i, StackRequests.kind(known[i] != null ? known[i].origin.site() : null, state,
                        info.getLockInfo() != null ? info.getLockInfo().getClassName() : null));
            }
        }
        platformStacks.forgetUnseen();
        platformEntries = entries;
        fetch(stacks, requests, entries, new StackFetcher.Scanned() {
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
                if (fresh != null) {
                    entries[position].read(fresh);
                }
                platformStacks.store(entries[position], info.getThreadState(), info.getBlockedCount(),
                        info.getWaitedCount(), stack, StackRequests.kind(
                                known[position] != null ? known[position].origin.site() : null, info.getThreadState(),
                                info.getLockInfo() != null ? info.getLockInfo().getClassName() : null));
            }
        });
        long cycle = platformStacks.cycle();
        List<ThreadRecord> out = new ArrayList<>(infos.length);
        for (int i = 0; i < infos.length; i++) {
            if (infos[i] == null) {
                continue;
            }
            ThreadInfo info = entries[i].lastInfo();
            long id = info.getThreadId();
            Thread.State state = info.getThreadState();
            ThreadOrigin origin = known[i] != null ? known[i].origin : null;
            long cpuTime = state == Thread.State.RUNNABLE ? cpu.getOrDefault(id, -1L) : -1;
            out.add(new ThreadRecord(id, info.getThreadName(), false, info.isDaemon(), state.name(),
                    shown(stacks, state, entries[i], cycle), info.getLockName(), info.getLockOwnerId(),
                    info.getLockOwnerName(), info.getBlockedCount(), info.getWaitedCount(), cpuTime,
                    origin != null ? origin.site().text() : List.of(),
                    origin != null ? origin.parentId() : -1,
                    known[i] != null ? known[i].executor : null, 0));
        }
        return out;
    }

    /**
     * The cheap scan: {@code getThreadInfo} without stacks, so no pause of the threads, about a microsecond each; a
     * settled thread is read only on its turn ({@link StackCache#SETTLED_SCANS}), its last read standing in for it
     * while {@code Thread.getState()} says it has not moved. A request for every thread reads every thread.
     */
    private ThreadInfo[] scan(Stacks stacks, long[] ids, Map<Long, Tracked> tracked, Tracked[] known,
                              StackCache.Entry[] entries) {
        platformStacks.beginScan();
        long cycle = platformStacks.cycle();
        ThreadInfo[] infos = new ThreadInfo[ids.length];
        int[] toRead = new int[ids.length];
        int reads = 0;
        for (int i = 0; i < ids.length; i++) {
            known[i] = tracked.get(ids[i]);
            entries[i] = platformStacks.entry(ids[i], known[i] != null ? known[i].origin : null);
            if (stacks == Stacks.SUSPECTS && known[i] != null && entries[i] != null
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

    private List<ThreadRecord> virtualThreads(Stacks stacks, List<Thread> virtual, List<ThreadOrigin> origins) {
        StackRequests requests = new StackRequests();
        Thread.State[] states = new Thread.State[virtual.size()];
        StackCache.Entry[] entries = new StackCache.Entry[virtual.size()];
        virtualStacks.beginScan();
        for (int i = 0; i < virtual.size(); i++) {
            Thread t = virtual.get(i);
            ThreadOrigin origin = origins.get(i);
            Thread.State state = t.getState();
            states[i] = state;
            entries[i] = virtualStacks.check(virtualStacks.entry(t.getId(), origin), t.getId(), origin, state, -1, -1);
            if (wanted(stacks, state, entries[i].verdict())) {
                requests.add(i, StackRequests.kind(origin.site(), state, null));
            }
        }
        virtualStacks.forgetUnseen();
        virtualEntries = entries;
        fetch(stacks, requests, entries, new StackFetcher.Scanned() {
            @Override
            public long id(int position) {
                return virtual.get(position).getId();
            }

            @Override
            public Thread thread(int position) {
                return virtual.get(position);
            }

            @Override
            public void taken(int position, List<String> stack, ThreadInfo fresh) {
                virtualStacks.store(entries[position], states[position], -1, -1, stack,
                        StackRequests.kind(origins.get(position).site(), states[position], null));
            }
        });
        long cycle = virtualStacks.cycle();
        List<ThreadRecord> out = new ArrayList<>(virtual.size());
        for (int i = 0; i < virtual.size(); i++) {
            Thread t = virtual.get(i);
            ThreadOrigin origin = origins.get(i);
            out.add(new ThreadRecord(t.getId(), t.getName(), true, true, states[i].name(),
                    shown(stacks, states[i], entries[i], cycle), null, -1, null, -1, -1, -1,
                    origin.site().text(), origin.parentId(), null, 0));
        }
        return out;
    }

    /**
     * The periodic cycle wants the stack of a thread that stayed waiting for a whole cycle ({@code DUE}); a request
     * for every thread wants any stack it has not got, and never trusts a kept one of a running thread.
     */
    private static boolean wanted(Stacks stacks, Thread.State state, StackCache.Verdict v) {
        if (stacks == Stacks.SUSPECTS) {
            return v == StackCache.Verdict.DUE && waiting(state);
        }
        return v != StackCache.Verdict.CACHED || state == Thread.State.RUNNABLE || state == Thread.State.NEW;
    }

    /**
     * The stack a record shows: a waiting thread's kept one (it has not moved since), a timed-waiting thread's kept
     * one to a request for every thread, any other only when taken in this very scan.
     */
    private static List<String> shown(Stacks stacks, Thread.State state, StackCache.Entry entry, long cycle) {
        boolean kept = waiting(state) || (stacks != Stacks.SUSPECTS && state == Thread.State.TIMED_WAITING);
        return kept || entry.takenIn(cycle) ? entry.stack() : List.of();
    }

    private static boolean waiting(Thread.State state) {
        return state == Thread.State.WAITING || state == Thread.State.BLOCKED;
    }

    /** Takes the requested stacks, one of each kind first, within the budget; they are kept for the next cycles. */
    private void fetch(Stacks stacks, StackRequests requests, StackCache.Entry[] entries, StackFetcher.Scanned scanned) {
        if (requests.isEmpty()) {
            return;
        }
        StackBudget budget = stacks.budget();
        fetcher.fetch(requests.ordered(StackCache.kindsWithStack(entries), budget.most()), scanned, budget);
    }

    private List<List<String>> allStacksKept() {
        List<List<String>> kept = new ArrayList<>();
        StackCache.stacks(platformEntries, kept);
        StackCache.stacks(virtualEntries, kept);
        return kept;
    }

    private List<TaskRecord> runningTasks(Map<Long, Tracked> tracked) {
        List<TaskRecord> out = new ArrayList<>();
        for (Map.Entry<Long, Tracked> e : tracked.entrySet()) {
            WorkerSlot slot = e.getValue().origin.worker();
            Runnable task = slot == null ? null : slot.task();
            if (task != null) {
                out.add(inspector.task(task, ExecutorNames.name(slot.executor()), TaskState.RUNNING, e.getKey()));
            }
        }
        return out;
    }
}
