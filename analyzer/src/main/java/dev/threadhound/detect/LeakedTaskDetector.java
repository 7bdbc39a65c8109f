package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.TaskRecord;
import dev.threadhound.model.TaskState;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code LEAKED_TASK}: work submitted to an executor that is stuck running (its worker waits without progress for
 * {@code stuckAfter}) or queued and not started for {@code stuckAfter}. A stuck pool worker is reported here even
 * when the source knows no task for it, so that a pool's stuck work is always named with its executor.
 */
public final class LeakedTaskDetector implements Detector {

    /** Tasks of one kind stuck at one site of one executor; {@code taskClass} is null for a worker with no record. */
    private record RunningKey(String executor, String taskClass, StuckSite site) {
    }

    private record QueuedKey(String executor, String taskClass) {
    }

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        // Only the threads running a task are looked up: the others (maybe a hundred thousand) stay out of the map.
        Set<Long> running = snapshot.tasks().stream().filter(t -> t.state() == TaskState.RUNNING)
                .map(TaskRecord::threadId).collect(Collectors.toSet());
        Map<Long, ThreadRecord> threads = running.isEmpty() ? Map.of() : snapshot.threads().stream()
                .filter(t -> running.contains(t.id()))
                .collect(Collectors.toMap(ThreadRecord::id, Function.identity(), (a, b) -> a));
        List<Finding> findings = new ArrayList<>();
        findings.addAll(running(snapshot, options, threads));
        findings.addAll(queued(snapshot, options));
        findings.sort(Comparator.comparingLong((Finding f) -> -f.durationMs())
                .thenComparing(Finding::executor, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Finding::summary));
        return findings;
    }

    private static List<Finding> running(Snapshot snapshot, DetectOptions options, Map<Long, ThreadRecord> threads) {
        Map<RunningKey, List<StuckWorker>> byKey = new LinkedHashMap<>();
        Set<Long> workersWithTask = new HashSet<>();
        for (TaskRecord task : sorted(snapshot.tasks())) {
            if (task.state() != TaskState.RUNNING) {
                continue;
            }
            workersWithTask.add(task.threadId());
            ThreadRecord worker = withLastLook(threads.get(task.threadId()));
            long stall = worker == null ? -1 : stalledFor(snapshot, worker, task.since());
            if (worker != null && stuck(options, worker, stall)) {
                byKey.computeIfAbsent(new RunningKey(task.executor(), task.taskClass(), StuckSite.of(worker)),
                        k -> new ArrayList<>()).add(new StuckWorker(worker, task, stall));
            }
        }
        for (ThreadRecord worker : ThreadSubsets.of(snapshot).workers()) {
            // A worker with neither a task nor a stack may as well be idle, waiting for its next task: its stack,
            // taken in a later cycle, tells.
            if (worker.executor() == null || workersWithTask.contains(worker.id()) || worker.stack().isEmpty()) {
                continue;
            }
            long stall = stalledFor(snapshot, worker, 0);
            if (stuck(options, worker, stall)) {
                byKey.computeIfAbsent(new RunningKey(worker.executor(), null, StuckSite.of(worker)),
                        k -> new ArrayList<>()).add(new StuckWorker(worker, null, stall));
            }
        }
        joinStackless(byKey);
        List<Finding> findings = new ArrayList<>();
        byKey.forEach((key, workers) -> findings.add(runningFinding(snapshot, key, workers)));
        return findings;
    }

    /**
     * A worker whose stack was not taken yet (the live agent takes a budgeted number per cycle) joins the group of
     * workers like it that have one: same executor, task class and creation site, waiting in the same state on the
     * same kind of thing. One site stays one finding while the stacks are still coming, as {@link SiteGroups} does
     * for threads; a worker like no other keeps a group of its own.
     */
    private static void joinStackless(Map<RunningKey, List<StuckWorker>> byKey) {
        List<RunningKey> stackless = byKey.keySet().stream().filter(k -> k.site().frames().isEmpty()).toList();
        for (RunningKey key : stackless) {
            List<StuckWorker> left = new ArrayList<>();
            for (StuckWorker worker : byKey.get(key)) {
                List<StuckWorker> home = byKey.entrySet().stream()
                        .filter(e -> !e.getKey().site().frames().isEmpty() && sameWork(e.getKey(), key)
                                && e.getValue().stream().anyMatch(w -> alike(w.thread(), worker.thread())))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
                (home != null ? home : left).add(worker);
            }
            if (left.isEmpty()) {
                byKey.remove(key);
            } else {
                byKey.put(key, left);
            }
        }
    }

    private static boolean sameWork(RunningKey a, RunningKey b) {
        return Objects.equals(a.executor(), b.executor()) && Objects.equals(a.taskClass(), b.taskClass())
                && a.site().createdAt().equals(b.site().createdAt());
    }

    private static boolean alike(ThreadRecord a, ThreadRecord b) {
        return Objects.equals(a.state(), b.state())
                && Objects.equals(SiteGroups.blockerType(a.blockedOn()), SiteGroups.blockerType(b.blockedOn()));
    }

    /** A worker running in a native read shows where it waits only in the newest look at it. */
    private static ThreadRecord withLastLook(ThreadRecord worker) {
        return worker != null && worker.stack().isEmpty() && Stall.awaitingAnswerForever(worker)
                ? worker.withStack(Stall.lastKnownStack(worker)) : worker;
    }

    /** A worker stuck in a task; {@code task} is null when the source knows no task for it. */
    private record StuckWorker(ThreadRecord thread, TaskRecord task, long stall) {
    }

    /** A waiting worker of the application that has not progressed for {@code stuckAfter}. */
    private static boolean stuck(DetectOptions options, ThreadRecord worker, long stall) {
        return Stall.waitsWithoutEnd(worker) && stall >= options.stuckAfterMillis()
                && ThreadRole.of(worker) == ThreadRole.APPLICATION;
    }

    /**
     * How long the worker has been stuck in its task: without progress, and in that task, for that long. A source
     * reads a worker's state and its task at two moments, so an idle worker that took a task in between looks
     * long stalled with a task just begun: the task's age, as far as the snapshots saw it, bounds the stall. When
     * the source cannot say since when the worker has not progressed, the task's age alone counts.
     */
    private static long stalledFor(Snapshot snapshot, ThreadRecord worker, long taskSince) {
        long stall = Stall.of(snapshot, worker);
        long age = Stall.since(snapshot, taskSince);
        return stall >= 0 && age >= 0 ? Math.min(stall, age) : stall >= 0 ? stall : age;
    }

    private static Finding runningFinding(Snapshot snapshot, RunningKey key, List<StuckWorker> stuck) {
        List<StuckWorker> ordered = stuck.stream()
                .sorted(Comparator.comparingLong((StuckWorker w) -> -w.stall())
                        .thenComparingLong(w -> w.thread().id()))
                .toList();
        List<ThreadRecord> workers = ordered.stream().map(StuckWorker::thread).toList();
        StuckWorker first = ordered.get(0);
        // where they wait is said from the longest stuck worker whose stack was taken
        ThreadRecord told = workers.stream().filter(t -> !t.stack().isEmpty()).findFirst().orElse(first.thread());
        int count = ordered.size();
        List<String> submittedAt = ordered.stream().filter(w -> w.task() != null)
                .map(w -> w.task().submittedAt()).findFirst().orElse(List.of());
        String what = key.taskClass() == null
                ? (count == 1 ? "a task" : count + " tasks")
                : (count == 1 ? "task " : count + " tasks ") + Frames.simpleClass(key.taskClass());
        String summary = what + " stuck running for " + (count == 1 ? "" : "up to ") + Phrases.duration(first.stall())
                + " on executor " + key.executor() + ": " + (count == 1 ? "worker " : "workers ")
                + Phrases.names(StuckSite.names(workers), count) + ' ' + Phrases.verb(told)
                + Phrases.waitSite(told, count == 1) + submitted(submittedAt) + DeathLinks.of(snapshot, workers);
        // a close() or awaitTermination() of the pool waits for the task: stuck with it, and idle by design
        List<ThreadRecord> waiters = Waiters.ofTermination(snapshot, key.executor(), workers);
        Finding.Builder finding = Finding.of(FindingType.LEAKED_TASK, Severity.WARNING,
                        summary + Waiters.phrase(waiters, count == 1, true))
                .threads(StuckSite.shown(workers))
                .executor(key.executor())
                .submittedAt(submittedAt)
                .durationMs(first.stall())
                .state(TaskState.RUNNING.name())
                .count(count);
        if (!waiters.isEmpty()) {
            finding.victims(waiters.stream().limit(StuckSite.THREADS_SHOWN).map(FindingThread::of).toList());
        }
        return finding.build();
    }

    private static List<Finding> queued(Snapshot snapshot, DetectOptions options) {
        Map<QueuedKey, List<TaskRecord>> byKey = new LinkedHashMap<>();
        List<TaskRecord> old = sorted(snapshot.tasks()).stream()
                .filter(t -> t.state() == TaskState.QUEUED)
                .filter(t -> Stall.since(snapshot, t.since()) >= options.stuckAfterMillis())
                .toList();
        Set<String> moving = old.isEmpty() ? Set.of() : movingExecutors(snapshot, options);
        old.stream()
                .filter(t -> t.executor() == null || !moving.contains(t.executor()))
                .forEach(t -> byKey.computeIfAbsent(new QueuedKey(t.executor(), t.taskClass()),
                        k -> new ArrayList<>()).add(t));
        List<Finding> findings = new ArrayList<>();
        byKey.forEach((key, tasks) -> {
            TaskRecord oldest = tasks.stream().min(Comparator.comparingLong(TaskRecord::since)).orElseThrow();
            long longest = Stall.since(snapshot, oldest.since());
            int count = tasks.size();
            String summary = (count == 1 ? "task " : count + " tasks ") + Frames.simpleClass(key.taskClass())
                    + " queued for " + (count == 1 ? "" : "up to ") + Phrases.duration(longest)
                    + " on executor " + key.executor() + " and never started" + submitted(oldest.submittedAt());
            findings.add(Finding.of(FindingType.LEAKED_TASK, Severity.WARNING, summary)
                    .threads(workersOf(snapshot, key.executor()))
                    .executor(key.executor())
                    .submittedAt(oldest.submittedAt())
                    .durationMs(longest)
                    .state(TaskState.QUEUED.name())
                    .count(count)
                    .build());
        });
        return findings;
    }

    /**
     * The executors a worker of which has made progress within {@code stuckAfter}: their queues are backlogs being
     * worked off (a batch of a thousand one-second tasks on two workers), however long their last tasks wait, not
     * tasks that will never start. And those a worker of which waits in the pool's own queue for its next task: it
     * takes the one queued as soon as it gets a core. On a crowded machine a whole JVM can go seconds without one, and
     * a task Reactor's shared scheduler was handed then sat in the queue of a worker that had not yet woken for it.
     */
    private static Set<String> movingExecutors(Snapshot snapshot, DetectOptions options) {
        Set<String> moving = new HashSet<>();
        for (ThreadRecord t : ThreadSubsets.of(snapshot).workers()) {
            if (t.executor() != null) {
                long stall = Stall.of(snapshot, t);
                if (stall >= 0 && stall < options.stuckAfterMillis() || betweenTasks(t)) {
                    moving.add(t.executor());
                }
            }
        }
        return moving;
    }

    /** A pool's worker waiting in its pool's queue for a task, not running one. */
    private static boolean betweenTasks(ThreadRecord worker) {
        for (String frame : worker.stack()) {
            if (Frames.is(frame, "java.util.concurrent.ThreadPoolExecutor", "getTask")) {
                return true;
            }
        }
        return false;
    }

    /** What the executor's workers are doing instead: the reason its queue does not move. */
    private static List<FindingThread> workersOf(Snapshot snapshot, String executor) {
        return StuckSite.shown(snapshot.threads().stream()
                .filter(t -> executor != null && executor.equals(t.executor()))
                .sorted(Comparator.comparingLong(ThreadRecord::id))
                .toList());
    }

    private static List<TaskRecord> sorted(List<TaskRecord> tasks) {
        return tasks.stream()
                .sorted(Comparator.comparingLong(TaskRecord::since)
                        .thenComparing(TaskRecord::identity, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    /** {@code , submitted at Quotes.refresh(...)}, with the application's call when a library submitted it. */
    private static String submitted(List<String> submittedAt) {
        return Frames.firstApplicationFrame(submittedAt).isPresent()
                ? ", submitted at " + CreationSites.describe(submittedAt) : "";
    }
}
