package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.Log;
import dev.threadhound.agent.track.ExecutorNames;
import dev.threadhound.agent.track.ExecutorOrigin;
import dev.threadhound.agent.track.ExecutorRegistry;
import dev.threadhound.agent.track.LockGraph;
import dev.threadhound.agent.track.TaskSites;
import dev.threadhound.agent.track.ThreadKinds;
import dev.threadhound.agent.track.ThreadRegistry;
import dev.threadhound.agent.track.WorkerSlot;
import dev.threadhound.model.ExecutorRecord;
import dev.threadhound.model.FilledList;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.TaskRecord;
import dev.threadhound.model.TaskState;
import dev.threadhound.model.ThreadRecord;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds one {@link Snapshot} of the live JVM: every thread in two steps, a cheap scan (platform threads' states and
 * wait counts without stacks, about 1 µs a thread: {@link PlatformThreads}; tracked virtual threads' states:
 * {@link VirtualThreads}), then stacks for the suspects the scan found, within a {@link StackBudget}
 * ({@link StackRequests}, {@link StackFetcher}); then what the probe knows: creation sites, pools and their
 * in-flight tasks. Not thread-safe by design: one detector loop owns
 * it, and the few requests that want a snapshot of their own wait for it.
 */
public final class SnapshotBuilder {

    /** Taken in the first cycle, not at agent start: the JMX classes behind it take tens of milliseconds to load. */
    private ThreadMXBean mx;
    private final ThreadRegistry threads;
    private final ExecutorRegistry executors;
    private final ExecutorInspector inspector;
    private volatile LockEvidence locks = LockEvidence.NONE;
    private volatile LockGraph lockOrder;
    private final StackTable stackTable = new StackTable();
    private final SuspectLooks suspects = new SuspectLooks();
    private final TrackedThreads live = new TrackedThreads();
    /** Made with {@link #mx}, in the first cycle. */
    private StackFetcher fetcher;
    private PlatformThreads platform;
    private VirtualThreads virtual;
    private List<ThreadRecord> lastRecords = List.of();
    private final RecordMakers makers = new RecordMakers();

    public SnapshotBuilder(ThreadRegistry threads, ExecutorRegistry executors, TaskSites sites) {
        this(threads, executors, sites, null);
    }

    /** @param mx what the snapshots read threads with; null: the JVM's, taken in the first cycle */
    SnapshotBuilder(ThreadRegistry threads, ExecutorRegistry executors, TaskSites sites, ThreadMXBean mx) {
        this.threads = threads;
        this.executors = executors;
        this.inspector = new ExecutorInspector(sites);
        this.mx = mx;
    }

    /** How many stacks the snapshots have taken so far. */
    long stacksTaken() {
        return fetcher == null ? 0 : fetcher.taken();
    }

    public void lockEvidence(LockEvidence evidence) {
        this.locks = evidence;
    }

    /** With lock order tracked, each snapshot carries the part of the order graph that holds cycles. */
    public void lockOrder(LockGraph graph) {
        this.lockOrder = graph;
    }

    /**
     * @param allStacks every thread with its stack, whatever it costs (a tool asking once about a few threads: the
     *                  JUnit extension); false for the periodic cycle, which takes stacks only of suspects
     */
    public Snapshot build(boolean allStacks) {
        return build(allStacks ? StackPolicy.EVERY_THREAD : StackPolicy.SUSPECTS);
    }

    /**
     * Every thread, with as many stacks as one request may take ({@link StackPolicy#EVERY_THREAD_WITHIN_BUDGET}): stacks of threads
     * that have not moved since they were taken are reused, the others taken fresh until the budget is spent.
     */
    public Snapshot buildForRequest() {
        return build(StackPolicy.EVERY_THREAD_WITHIN_BUDGET);
    }

    private synchronized Snapshot build(StackPolicy policy) {
        try {
            return snapshot(policy);
        } finally {
            live.done();
        }
    }

    /**
     * Takes the records progress carried over ({@code carried}, by position in {@code made}, the last snapshot's
     * threads) in place of those the snapshot made, so that only one record of a thread that stays put is kept: the
     * next snapshot hands on the carried one, and progress, finding the record it carried, keeps it. Nothing when
     * another snapshot was built since {@code made}.
     */
    public synchronized void adopt(List<ThreadRecord> made, List<ThreadRecord> carried) {
        if (made == lastRecords) {
            makers.adopt(made, carried);
        }
    }

    /** How many platform threads have been seen ending so far. */
    public long platformEnds() {
        return threads.platformEnds();
    }

    private Snapshot snapshot(StackPolicy policy) {
        long now = System.currentTimeMillis();
        if (platform == null) {
            mx = mx != null ? mx : ManagementFactory.getThreadMXBean();
            fetcher = new StackFetcher(mx, stackTable);
            LockBehind lockBehind = new LockBehind();
            platform = new PlatformThreads(mx, fetcher, lockBehind, suspects, threads::platformStarts);
            virtual = new VirtualThreads(fetcher, lockBehind);
        }
        threads.expunge();
        executors.expunge();

        virtual.begin(policy, threads.size());
        threads.forEachLive((t, origin) -> {
            // its state, not isAlive(): on JDK 17 that is a native call, ten thousand of them a cycle
            Thread.State state = t.getState();
            if (state == Thread.State.NEW || state == Thread.State.TERMINATED) {
                return;
            }
            if (ThreadKinds.isVirtual(t)) {
                virtual.scan(t, origin);
            } else {
                live.add(t, origin, state);
            }
        });
        List<TrackedThread> tracked = live.list();
        Map<Object, ExecutorOrigin> pools = livePools();
        Map<ExecutorOrigin, List<Long>> workers = new HashMap<>();
        Map<ExecutorOrigin, Long> lastTaskEnded = new HashMap<>();
        assignWorkers(tracked, pools, workers, lastTaskEnded);

        // the JVM's own threads, untracked, are a few dozen; threads read again as they were share the last list's
        // chunks
        FilledList.Filler<ThreadRecord> filler = FilledList.fillerLike(lastRecords,
                tracked.size() + virtual.size() + 64);
        makers.begin();
        platform.records(policy, tracked, filler, makers);
        virtual.records(filler, makers);
        makers.end();
        List<ThreadRecord> records = filler.list();
        lastRecords = records;
        stackTable.prune(this::allStacksKept);

        List<ExecutorRecord> executorRecords = new ArrayList<>();
        List<TaskRecord> tasks = new ArrayList<>();
        for (Map.Entry<Object, ExecutorOrigin> e : pools.entrySet()) {
            ExecutorOrigin origin = e.getValue();
            String name = ExecutorNames.name(origin);
            try {
                ExecutorRecord record = inspector.record(e.getKey(), origin, name, workers.getOrDefault(origin, List.of()),
                        lastTaskEnded.getOrDefault(origin, 0L));
                if (record != null) {
                    executorRecords.add(record);
                    tasks.addAll(inspector.queuedTasks(e.getKey(), name));
                }
            } catch (RuntimeException | LinkageError unreadable) {
                // a subclass overriding what the inspector asks with something that fails: this executor is left
                // out, and the snapshot, every other executor's and every thread's, is taken all the same
                inspector.unreadable(e.getKey(), unreadable);
            }
        }
        tasks.addAll(runningTasks(tracked));
        tasks.addAll(executors.stoppedTasks().recent(now));
        Snapshot snapshot = new Snapshot(now, records, tasks, executorRecords, locks.contention(now), locks.pinning(now),
                threads.deaths().recent(now));
        return lockOrder == null ? snapshot : snapshot.withLockOrder(lockOrderPart());
    }

    private dev.threadhound.model.LockOrderGraph lockOrderPart() {
        dev.threadhound.model.LockOrderGraph part = lockOrder.cyclicPart();
        if (lockOrder.wasFull()) {
            Log.once("lock-order-full", "lockOrder: the lock-order graph is full (" + lockOrder.bound()
                    + "); new pairs of locks are not recorded until collected locks make room");
        }
        return part;
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

    /**
     * Each pool's workers, and when the last of them ended a task, 0 when one of them has not ended any (or the
     * per-task hooks are off): a pool idle now has been idle since then, however far apart the cycles are paced.
     */
    private void assignWorkers(List<TrackedThread> tracked, Map<Object, ExecutorOrigin> pools,
                               Map<ExecutorOrigin, List<Long>> workers, Map<ExecutorOrigin, Long> lastTaskEnded) {
        for (TrackedThread t : tracked) {
            ExecutorOrigin pool = null;
            WorkerSlot slot = t.worker;
            if (slot != null) {
                pool = slot.executor();
                lastTaskEnded.merge(pool, slot.taskEndedAt(), (a, b) -> a == 0 || b == 0 ? 0 : Math.max(a, b));
            } else if (t.thread instanceof java.util.concurrent.ForkJoinWorkerThread fj) {
                pool = pools.computeIfAbsent(fj.getPool(), executors::adopt);
                inspector.nameFromWorker(pool, fj.getName());
            }
            if (pool != null) {
                workers.computeIfAbsent(pool, k -> new ArrayList<>()).add(t.id);
                t.executor = ExecutorNames.name(pool);
            }
        }
    }

    private List<List<String>> allStacksKept() {
        List<List<String>> kept = new ArrayList<>();
        StackCache.stacks(platform.lastScan(), kept);
        StackCache.stacks(virtual.lastScan(), kept);
        return kept;
    }

    private List<TaskRecord> runningTasks(List<TrackedThread> tracked) {
        List<TaskRecord> out = new ArrayList<>();
        for (TrackedThread t : tracked) {
            WorkerSlot slot = t.worker;
            Runnable task = slot == null ? null : slot.task();
            if (task != null) {
                Class<?> cancelled = slot.cancelledWork(task);
                String executor = ExecutorNames.name(slot.executor());
                out.add(cancelled != null ? inspector.task(task, cancelled, executor, TaskState.RUNNING, t.id)
                        : inspector.task(task, executor, TaskState.RUNNING, t.id));
            }
        }
        return out;
    }
}
