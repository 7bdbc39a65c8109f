package dev.threadhound.agent.snapshot;

import dev.threadhound.agent.Log;
import dev.threadhound.agent.track.ExecutorNames;
import dev.threadhound.agent.track.ExecutorOrigin;
import dev.threadhound.agent.track.ExecutorRegistry;
import dev.threadhound.agent.track.LockGraph;
import dev.threadhound.agent.track.Sites;
import dev.threadhound.agent.track.TaskSites;
import dev.threadhound.agent.track.ThreadOrigin;
import dev.threadhound.agent.track.ThreadRegistry;
import dev.threadhound.agent.track.WorkerSlot;
import dev.threadhound.detect.Frames;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds one {@link Snapshot} of the live JVM. A cycle reads every platform thread's state and wait counts without
 * stacks (about 8 ms at 10k threads), asks for stacks only of threads that look stuck, and adds what the probe
 * knows: creation sites, pools and their in-flight tasks. Not thread-safe by design: one detector loop owns it.
 */
public final class SnapshotBuilder {

    static final int STACK_DEPTH = 64;
    /** Stack fetches of virtual threads per cycle; the rest wait for the next cycle. */
    private static final int VIRTUAL_STACKS_PER_CYCLE = 2_000;

    /** Taken in the first cycle, not at agent start: the JMX classes behind it take tens of milliseconds to load. */
    private ThreadMXBean mx;
    private final ThreadRegistry threads;
    private final ExecutorRegistry executors;
    private final TaskSites sites;
    private final ExecutorInspector inspector;
    private volatile LockEvidence locks = LockEvidence.NONE;
    private volatile LockGraph lockOrder;
    private final StackCache platformStacks = new StackCache();
    private final StackCache virtualStacks = new StackCache();
    private final LockBehind lockBehind = new LockBehind();
    private final SuspectLooks suspects = new SuspectLooks();
    private final Map<Long, String> identities = new HashMap<>();

    public SnapshotBuilder(ThreadRegistry threads, ExecutorRegistry executors, TaskSites sites) {
        this.threads = threads;
        this.executors = executors;
        this.sites = sites;
        this.inspector = new ExecutorInspector(sites);
    }

    public void lockEvidence(LockEvidence evidence) {
        this.locks = evidence;
    }

    /** With lock order tracked, each snapshot carries the part of the order graph that holds cycles. */
    public void lockOrder(LockGraph graph) {
        this.lockOrder = graph;
    }

    /**
     * @param allStacks every thread with its stack (for a tool asking once: /threads, the JUnit extension);
     *                  false for the periodic cycle, which fetches stacks only of suspects
     */
    public synchronized Snapshot build(boolean allStacks) {
        long now = System.currentTimeMillis();
        threads.expunge();
        executors.expunge();

        Map<Long, Thread> tracked = new HashMap<>();
        Map<Long, ThreadOrigin> origins = new HashMap<>();
        for (Map.Entry<Thread, ThreadOrigin> e : threads.entries()) {
            Thread t = e.getKey();
            if (t != null && t.isAlive()) {
                tracked.put(t.getId(), t);
                origins.put(t.getId(), e.getValue());
            }
        }
        Map<Object, ExecutorOrigin> pools = livePools();
        Map<ExecutorOrigin, List<Long>> workers = new HashMap<>();
        Map<Long, String> workerOf = new HashMap<>();
        assignWorkers(tracked, origins, pools, workers, workerOf);

        List<ThreadRecord> records = new ArrayList<>(platformThreads(allStacks, tracked, origins, workerOf));
        // only a running thread can spin with others joining it: the rest need no identity
        records.replaceAll(r -> "RUNNABLE".equals(r.state()) && tracked.containsKey(r.id())
                ? r.withIdentity(identity(tracked.get(r.id()))) : r);
        records.addAll(virtualThreads(allStacks, tracked, origins));

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
        tasks.addAll(runningTasks(tracked, origins));
        Snapshot snapshot = new Snapshot(now, records, tasks, executorRecords, locks.contention(now), locks.pinning(now),
                threads.deaths().recent(now));
        return lockOrder == null ? snapshot : snapshot.withLockOrder(lockOrderPart());
    }

    private dev.threadhound.model.LockOrderGraph lockOrderPart() {
        dev.threadhound.model.LockOrderGraph part = lockOrder.cyclicPart();
        if (lockOrder.wasFull()) {
            Log.once("lock-order-full", "lockOrder: the lock-order graph is full (" + LockGraph.MAX_EDGES
                    + " edges); new pairs of locks are not recorded until collected locks make room");
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

    private void assignWorkers(Map<Long, Thread> tracked, Map<Long, ThreadOrigin> origins, Map<Object, ExecutorOrigin> pools,
                               Map<ExecutorOrigin, List<Long>> workers, Map<Long, String> workerOf) {
        for (Map.Entry<Long, Thread> e : tracked.entrySet()) {
            ExecutorOrigin pool = null;
            WorkerSlot slot = origins.get(e.getKey()).worker();
            if (slot != null) {
                pool = slot.executor();
            } else if (e.getValue() instanceof java.util.concurrent.ForkJoinWorkerThread fj) {
                pool = pools.computeIfAbsent(fj.getPool(), executors::adopt);
                inspector.nameFromWorker(pool, fj.getName());
            }
            if (pool != null) {
                workers.computeIfAbsent(pool, k -> new ArrayList<>()).add(e.getKey());
                workerOf.put(e.getKey(), ExecutorNames.name(pool));
            }
        }
    }

    /** {@code Class@hex} of a thread the probe saw start, what a join on it shows as blockedOn; computed once. */
    private String identity(Thread thread) {
        if (thread == null || ThreadKinds.isVirtual(thread)) {
            return null;
        }
        return identities.computeIfAbsent(thread.getId(),
                id -> thread.getClass().getName() + '@' + Integer.toHexString(System.identityHashCode(thread)));
    }

    private List<ThreadRecord> platformThreads(boolean allStacks, Map<Long, Thread> tracked, Map<Long, ThreadOrigin> origins,
                                               Map<Long, String> workerOf) {
        if (mx == null) {
            mx = ManagementFactory.getThreadMXBean();
        }
        long[] ids = mx.getAllThreadIds();
        ThreadInfo[] infos = mx.getThreadInfo(ids, 0);
        long[] cpu = CpuTimes.of(mx, ids);
        boolean mainEnded = mainEnded(infos);
        List<Long> due = new ArrayList<>();
        Set<Long> live = new HashSet<>();
        Map<Long, String> behind = new HashMap<>();
        for (ThreadInfo info : infos) {
            if (info == null) {
                continue;
            }
            long id = info.getThreadId();
            live.add(id);
            boolean waiting = info.getThreadState() == Thread.State.WAITING || info.getThreadState() == Thread.State.BLOCKED;
            String lock = lockBehind(info, tracked.get(id));
            if (lock != null) {
                behind.put(id, lock);
            }
            if (allStacks || waiting) {
                StackCache.Verdict v = platformStacks.check(id, key(info));
                if (allStacks || v == StackCache.Verdict.DUE) {
                    due.add(id);
                    continue;
                }
            }
            if (holdsTheJvm(mainEnded, info)) {
                due.add(id);
            }
        }
        platformStacks.retainOnly(live);
        identities.keySet().retainAll(live);
        suspects.retainOnly(live);
        if (!allStacks) {
            due.addAll(suspects.pick(infos, cpu, new HashSet<>(due), workerOf.keySet()));
        }
        Map<Long, ThreadInfo> withStacks = new HashMap<>();
        if (!due.isEmpty()) {
            for (ThreadInfo info : mx.getThreadInfo(due.stream().mapToLong(Long::longValue).toArray(), STACK_DEPTH)) {
                if (info != null) {
                    withStacks.put(info.getThreadId(), info);
                    List<String> frames = frames(info.getStackTrace());
                    platformStacks.store(info.getThreadId(), key(info), frames);
                    suspects.looked(info.getThreadId(), info.getThreadState(), frames);
                }
            }
        }
        List<ThreadRecord> out = new ArrayList<>(infos.length);
        for (int i = 0; i < infos.length; i++) {
            ThreadInfo info = withStacks.getOrDefault(ids[i], infos[i]);
            if (info == null) {
                continue;
            }
            long id = info.getThreadId();
            boolean waiting = info.getThreadState() == Thread.State.WAITING || info.getThreadState() == Thread.State.BLOCKED;
            List<String> stack = withStacks.containsKey(id) ? frames(info.getStackTrace())
                    : waiting ? platformStacks.stack(id) : suspects.carried(id);
            ThreadOrigin origin = origins.get(id);
            String blockedOn = info.getLockInfo() != null ? info.getLockInfo().toString() : null;
            String lock = behind.get(id);
            if (origin != null && lock != null && lock.equals(lockBehind(info, tracked.get(id)))) {
                origin.sawWaiting(lock, blockedOn, Frames.calledInto(stack));
            }
            out.add(new ThreadRecord(id, info.getThreadName(), false, info.isDaemon(), info.getThreadState().name(),
                    stack, blockedOn,
                    info.getLockOwnerId(), info.getLockOwnerName(),
                    info.getBlockedCount(), info.getWaitedCount(), cpu[i],
                    origin != null ? Sites.frames(origin.site()) : List.of(),
                    origin != null ? origin.parentId() : -1,
                    workerOf.get(id), 0, origin != null ? origin.startedAt() : 0, lock));
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

    /** For a thread the probe tracks and that waits on something: the lock behind it; else null. */
    private String lockBehind(ThreadInfo info, Thread thread) {
        if (thread == null || info.getLockInfo() == null || info.getThreadState() == Thread.State.RUNNABLE) {
            return null;
        }
        return lockBehind.of(thread, info.getLockInfo().toString());
    }

    private List<ThreadRecord> virtualThreads(boolean allStacks, Map<Long, Thread> tracked, Map<Long, ThreadOrigin> origins) {
        List<ThreadRecord> out = new ArrayList<>();
        Set<Long> live = new HashSet<>();
        int budget = VIRTUAL_STACKS_PER_CYCLE;
        for (Map.Entry<Long, Thread> e : tracked.entrySet()) {
            Thread t = e.getValue();
            if (!ThreadKinds.isVirtual(t)) {
                continue;
            }
            long id = e.getKey();
            live.add(id);
            Thread.State state = t.getState();
            boolean waiting = state == Thread.State.WAITING || state == Thread.State.BLOCKED;
            List<String> stack = List.of();
            if (allStacks || waiting) {
                String key = state.name();
                StackCache.Verdict v = virtualStacks.check(id, key);
                if ((allStacks || v == StackCache.Verdict.DUE) && budget-- > 0) {
                    stack = frames(t.getStackTrace());
                    virtualStacks.store(id, key, stack);
                } else {
                    stack = virtualStacks.stack(id);
                }
            }
            ThreadOrigin origin = origins.get(id);
            out.add(new ThreadRecord(id, t.getName(), true, true, state.name(), stack, null, -1, null, -1, -1, -1,
                    Sites.frames(origin.site()), origin.parentId(), null, 0, origin.startedAt(), null));
        }
        virtualStacks.retainOnly(live);
        return out;
    }

    private List<TaskRecord> runningTasks(Map<Long, Thread> tracked, Map<Long, ThreadOrigin> origins) {
        List<TaskRecord> out = new ArrayList<>();
        for (Map.Entry<Long, ThreadOrigin> e : origins.entrySet()) {
            WorkerSlot slot = e.getValue().worker();
            Runnable task = slot == null ? null : slot.task();
            if (task != null && tracked.containsKey(e.getKey())) {
                out.add(inspector.task(task, ExecutorNames.name(slot.executor()), TaskState.RUNNING, e.getKey()));
            }
        }
        return out;
    }

    private static String key(ThreadInfo info) {
        return info.getThreadState() + "/" + info.getBlockedCount() + "/" + info.getWaitedCount();
    }

    static List<String> frames(StackTraceElement[] stack) {
        List<String> out = new ArrayList<>(stack.length);
        for (StackTraceElement e : stack) {
            out.add(e.toString());
        }
        return out;
    }
}
