package dev.threadhound.junit;

import dev.threadhound.detect.DeadlockDetector;
import dev.threadhound.detect.DetectOptions;
import dev.threadhound.detect.Frames;
import dev.threadhound.detect.Phrases;
import dev.threadhound.detect.PotentialDeadlockDetector;
import dev.threadhound.detect.ThreadRole;
import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.ExecutorRecord;
import dev.threadhound.model.LockEdgeRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.TaskRecord;
import dev.threadhound.model.TaskState;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares a snapshot taken after the test with the one taken before: what is new, still there and not ignored
 * is a leak. Executors and tasks come first (agent only), so their worker threads are named once, under them.
 */
final class LeakFinder {

    private static final String COMMON_POOL_WORKER = "ForkJoinPool.commonPool-worker-";

    private final Snapshot before;
    private final LeakOptions options;
    private final String testClass;
    private final Set<Long> olderThreads;
    private final Set<String> olderExecutors;
    private final Set<String> olderTasks;

    /** @param testClass the class whose tests run under the check, or null (see {@link StaticInitializers}) */
    LeakFinder(Snapshot before, LeakOptions options, String testClass) {
        this.before = before;
        this.options = options;
        this.testClass = testClass;
        this.olderThreads = before.threads().stream().map(ThreadRecord::id).collect(Collectors.toSet());
        this.olderExecutors = before.executors().stream().map(ExecutorRecord::identity).collect(Collectors.toSet());
        this.olderTasks = before.tasks().stream().map(TaskRecord::identity).collect(Collectors.toSet());
    }

    /**
     * @param testThread  the thread that ran the test
     * @param otherTests  threads running other tests at the same time; empty when the test ran alone
     */
    Leaks find(Snapshot after, long testThread, Set<Long> otherTests, boolean overlapped) {
        Lineage lineage = new Lineage(testThread, otherTests, before, after);
        Set<Long> infrastructure = InfrastructureThreads.ids();
        Map<Long, ThreadRecord> byId = after.threads().stream()
                .collect(Collectors.toMap(ThreadRecord::id, Function.identity(), (a, b) -> a));
        int[] untraced = {0};
        Function<Long, Boolean> ours = createdBy -> {
            Lineage.Origin origin = lineage.of(createdBy);
            if (origin == Lineage.Origin.OTHER_TEST) {
                return false;
            }
            if (overlapped && origin == Lineage.Origin.UNKNOWN) {
                untraced[0]++;
            }
            return true;
        };

        List<ThreadRecord> fresh = after.threads().stream()
                .filter(t -> !olderThreads.contains(t.id()) && !Reported.thread(t.id()))
                .filter(t -> !infrastructure.contains(t.id()) && !t.name().startsWith(COMMON_POOL_WORKER))
                .filter(t -> !JdkOwnedThreads.owned(t))
                .filter(t -> !options.ignores(t))
                .toList();

        List<Leaks.Leak> findings = new ArrayList<>();
        List<Leaks.Leak> singletons = new ArrayList<>();
        Set<Long> named = new HashSet<>();
        Set<Long> deadlocked = new HashSet<>();
        for (Finding deadlock : new DeadlockDetector().detect(after.withThreads(fresh), DetectOptions.defaults())) {
            findings.add(new Leaks.Leak(deadlock, null));
            deadlock.threads().forEach(t -> deadlocked.add(t.id()));
        }
        named.addAll(deadlocked);
        if (options.fails(FindingType.POTENTIAL_DEADLOCK)) {
            for (List<LockEdgeRecord> cycle : PotentialDeadlockDetector.cycles(after)) {
                // The test during which the cycle closed is the one whose edge came last: made since the test began,
                // by its thread or one it started.
                LockEdgeRecord closing = cycle.get(cycle.size() - 1);
                String key = key(cycle);
                if (closing.firstSeen() >= before.takenAt() && !Reported.other(key) && ours.apply(closing.threadId())) {
                    findings.add(new Leaks.Leak(PotentialDeadlockDetector.finding(after, cycle), key));
                }
            }
        }
        for (ExecutorRecord e : after.executors()) {
            // The common pool, the virtual-thread scheduler, the pool running the tests and pools whose threads
            // the JDK owns (the process reaper, an HttpClient's) are the platform's.
            boolean platformPool = e.workerIds().stream().anyMatch(infrastructure::contains)
                    || !e.workerIds().isEmpty() && e.workerIds().stream().map(byId::get)
                            .allMatch(t -> t != null && JdkOwnedThreads.owned(t));
            if (olderExecutors.contains(e.identity()) || e.shutdown() || platformPool || !holdsSomething(e)
                    || options.ignoresSite(e.createdAt()) || Reported.other(key(e))) {
                continue;
            }
            if (createdOnceForTheProcess(e.createdAt())) {
                singletons.add(new Leaks.Leak(executorFinding(e, byId), key(e)));
                named.addAll(e.workerIds());
            } else if (ours.apply(e.createdBy())) {
                findings.add(new Leaks.Leak(executorFinding(e, byId), key(e)));
                named.addAll(e.workerIds());
            }
        }
        Set<String> testPools = after.executors().stream()
                .filter(e -> e.workerIds().contains(Thread.currentThread().getId()))
                .map(ExecutorRecord::name).collect(Collectors.toSet());
        for (TaskRecord task : after.tasks()) {
            if (scheduledByTheTestOnAnOlderExecutor(task, after)) {
                findings.add(new Leaks.Leak(scheduledFinding(task), key(task)));
                continue;
            }
            // a periodic task between two runs is its scheduler's: the executor left behind is the leak to name;
            // one that stopped for good is no leak
            if (task.state() == TaskState.SCHEDULED || task.state() == TaskState.STOPPED
                    || olderTasks.contains(task.identity()) || testPools.contains(task.executor())
                    || deadlocked.contains(task.threadId()) || options.ignoresSite(task.submittedAt())
                    || Reported.other(key(task))) {
                continue;
            }
            ThreadRecord worker = byId.get(task.threadId());
            if (worker != null && options.ignores(worker)) {
                // what the message offers to accept the worker's thread accepts the task it runs
                continue;
            }
            if (worker != null && idlePoolWorker(worker)) {
                // the task table was read before the stacks: a periodic task (an evictor every 200 ms) that was
                // running then has ended by the time its worker's stack shows it waiting for the next
                continue;
            }
            if (worker != null && ThreadRole.of(worker) == ThreadRole.SYSTEM) {
                // the JDK's own worker (a process reaper waiting for a child process): never the test's thread,
                // and its task is handed over out of sight of any snapshot, so "during the test" cannot be told
                continue;
            }
            if (createdOnceForTheProcess(task.submittedAt())) {
                // Shown with its executor when that is one of the process's too.
                if (!named.contains(task.threadId())) {
                    singletons.add(new Leaks.Leak(taskFinding(task, worker), key(task)));
                }
                named.add(task.threadId());
            } else if (worker != null && waitsWithATimeout(worker)) {
                named.add(task.threadId());
            } else if (ours.apply(creatorOf(task, after))) {
                findings.add(new Leaks.Leak(taskFinding(task, worker), key(task)));
                named.add(task.threadId());
            }
        }
        List<Leaks.Leak> idleWorkers = new ArrayList<>();
        List<ThreadRecord> leakedThreads = new ArrayList<>();
        for (ThreadRecord t : fresh) {
            if (named.contains(t.id()) || idleWorkerOfOlderPool(t, after)) {
                continue;
            }
            if (createdOnceForTheProcess(t.createdAt())) {
                singletons.add(new Leaks.Leak(threadFinding(t), null));
            } else if (t.executor() == null && idlePoolWorker(t)) {
                // Without the agent nothing says whose pool this is: the test's, or one set up around it.
                if (lineage.of(t.createdBy()) != Lineage.Origin.OTHER_TEST) {
                    idleWorkers.add(new Leaks.Leak(threadFinding(t), null));
                }
            } else if (!waitsWithATimeout(t) && ours.apply(t.createdBy())) {
                leakedThreads.add(t);
            }
        }
        findings.addAll(PileUps.of(leakedThreads, LeakFinder::threadFinding));
        findings.addAll(DiedDuringCheck.of(before, after, ours::apply));
        return new Leaks(findings, idleWorkers, untraced[0], singletons);
    }

    private boolean createdOnceForTheProcess(List<String> site) {
        return StaticInitializers.outside(site, testClass).isPresent();
    }

    /** With {@link LeakOptions#ignoreTimedWaiting}, a thread waiting with a timeout may end by itself: no leak. */
    private boolean waitsWithATimeout(ThreadRecord t) {
        return options.ignoresTimedWaiting() && "TIMED_WAITING".equals(t.state());
    }

    static String key(ExecutorRecord e) {
        return "executor:" + e.identity();
    }

    static String key(TaskRecord t) {
        return "task:" + t.identity();
    }

    static String key(List<LockEdgeRecord> cycle) {
        return "lock-order:" + cycle.stream().map(e -> e.held() + ">" + e.acquired()).sorted()
                .collect(Collectors.joining(","));
    }

    /** An executor with no thread and no task holds nothing; it is garbage once the test drops it. */
    private static boolean holdsSomething(ExecutorRecord e) {
        return e.poolSize() > 0 || !e.workerIds().isEmpty() || e.queued() > 0;
    }

    /**
     * A periodic task the test's own code scheduled on an executor older than the test, still scheduled: no executor
     * of the test's is left behind to name, so the task is the leak (a commons-pool2 pool left open keeps its evictor
     * on the library's one shared scheduler). Told by the test class's frame on the task's submission stack.
     */
    private boolean scheduledByTheTestOnAnOlderExecutor(TaskRecord task, Snapshot after) {
        if (task.state() != TaskState.SCHEDULED || testClass == null || olderTasks.contains(task.identity())
                || options.ignoresSite(task.submittedAt()) || Reported.other(key(task))) {
            return false;
        }
        boolean olderRunning = after.executor(task.executor())
                .filter(e -> olderExecutors.contains(e.identity()) && !e.shutdown()).isPresent();
        return olderRunning && task.submittedAt().stream()
                .map(Frames::className).anyMatch(c -> c.equals(testClass) || c.startsWith(testClass + "$"));
    }

    private static Finding scheduledFinding(TaskRecord task) {
        String summary = "periodic task " + task.taskClass() + " scheduled during the test on " + task.executor()
                + ", an executor older than the test, is still scheduled: cancel it, or close what scheduled it";
        return Finding.of(FindingType.LEAKED_TASK, Severity.CRITICAL, summary)
                .executor(task.executor()).submittedAt(task.submittedAt()).state(task.state().name()).build();
    }

    private static long creatorOf(TaskRecord task, Snapshot after) {
        return after.executor(task.executor()).map(ExecutorRecord::createdBy).orElse(-1L);
    }

    /** A pool older than the test grew a worker that now waits for work: the pool's business, not a leak. */
    private boolean idleWorkerOfOlderPool(ThreadRecord t, Snapshot after) {
        if (t.executor() == null || ThreadRole.of(t) != ThreadRole.IDLE) {
            return false;
        }
        return after.executors().stream().filter(e -> e.workerIds().contains(t.id()))
                .anyMatch(e -> olderExecutors.contains(e.identity()));
    }

    private static Finding executorFinding(ExecutorRecord e, Map<Long, ThreadRecord> byId) {
        List<ThreadRecord> workers = e.workerIds().stream().map(byId::get).filter(t -> t != null).toList();
        String summary = "executor " + e.name() + " created during the test was never shut down ("
                + workers.size() + " thread" + (workers.size() == 1 ? "" : "s") + ", " + active(e, workers)
                + " active, " + e.queued() + " queued)";
        return Finding.of(FindingType.LEAKED_EXECUTOR, Severity.CRITICAL, summary)
                .executor(e.name()).createdAt(e.createdAt()).count(1)
                .threads(workers.stream().map(FindingThread::of).toList()).build();
    }

    /**
     * The pool's busy workers: its own count was read with the task table, before the stacks, and a periodic task can
     * end in between (a worker counted active, then seen waiting for its next run); the stacks, read later, decide.
     */
    private static long active(ExecutorRecord e, List<ThreadRecord> workers) {
        return workers.isEmpty() ? e.activeThreads() : workers.stream().filter(t -> !idlePoolWorker(t)).count();
    }

    private static Finding taskFinding(TaskRecord task, ThreadRecord worker) {
        String where = worker == null ? "still queued" : "still running on " + worker.name();
        String summary = "task " + task.taskClass() + " submitted to " + task.executor() + " during the test is "
                + where;
        return Finding.of(FindingType.LEAKED_TASK, Severity.CRITICAL, summary)
                .executor(task.executor()).submittedAt(task.submittedAt()).state(task.state().name())
                .threads(worker == null ? List.of() : List.of(FindingThread.of(worker))).build();
    }

    /** A worker of a JDK pool, waiting for its next task. */
    private static boolean idlePoolWorker(ThreadRecord t) {
        return ThreadRole.of(t) == ThreadRole.IDLE && t.stack().stream()
                .anyMatch(f -> f.contains("ThreadPoolExecutor.getTask") || f.contains("ForkJoinPool.awaitWork")
                        || f.contains("DelayedWorkQueue.take"));
    }

    private static Finding threadFinding(ThreadRecord t) {
        String summary = (t.virtual() ? "virtual thread " : "thread ") + Phrases.name(t) + " (" + t.state()
                + (t.daemon() && !t.virtual() ? ", daemon" : "") + ") started during the test is still alive"
                + (idlePoolWorker(t) ? ": an idle worker of an executor that was never shut down" : "");
        return Finding.of(FindingType.LEAKED_THREAD, Severity.CRITICAL, summary)
                .threads(List.of(FindingThread.of(t))).build();
    }
}
