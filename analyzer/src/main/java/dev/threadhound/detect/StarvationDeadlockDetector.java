package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.ExecutorKind;
import dev.threadhound.model.ExecutorRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.TaskState;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code STARVATION_DEADLOCK}: the wait cycle the JDK cannot see. Every worker of a full bounded pool waits on a
 * task that sits queued in a full pool whose workers all wait the same way — the same pool (a task that submits
 * a subtask and waits for it) or another one (two pools waiting on each other). No worker can ever free up, so
 * this is reported at once. When the workers wait on something else that typically waits for queued work
 * (a latch, a future the source cannot tie to a queued task) and have not progressed for {@code stuckAfter}, the
 * finding says the deadlock is likely.
 */
public final class StarvationDeadlockDetector implements Detector {

    private static final int QUEUED_CLASSES_SHOWN = 3;
    private static final List<String> WAITS_FOR_WORK = List.of(
            "FutureTask", "CompletableFuture", "ForkJoinTask", "CountDownLatch", "Phaser", "CyclicBarrier",
            "Semaphore");

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        if (snapshot.executors().stream().noneMatch(StarvationDeadlockDetector::cannotStartQueuedWork)) {
            // the usual case, decided without looking at the (maybe hundred thousand) threads
            return List.of();
        }
        Map<Long, ThreadRecord> threads = new HashMap<>();
        snapshot.threads().forEach(t -> threads.putIfAbsent(t.id(), t));
        Map<String, String> queuedIn = new HashMap<>();
        snapshot.tasks().stream()
                .filter(t -> t.state() == TaskState.QUEUED && t.identity() != null)
                .forEach(t -> queuedIn.putIfAbsent(t.identity(), t.executor()));
        Map<String, ExecutorRecord> full = new TreeMap<>();
        Map<String, List<ThreadRecord>> workers = new HashMap<>();
        for (ExecutorRecord e : snapshot.executors()) {
            Optional<List<ThreadRecord>> found = workers(e, threads);
            if (cannotStartQueuedWork(e) && found.isPresent()) {
                full.put(e.name(), e);
                workers.put(e.name(), found.get());
            }
        }
        Map<String, Set<String>> waitsOn = PoolWaitGraph.stuckForGood(full.keySet(), workers, queuedIn);
        List<Finding> findings = new ArrayList<>();
        for (Set<String> component : PoolWaitGraph.components(waitsOn)) {
            findings.add(exact(component, full, workers, waitsOn));
        }
        for (String name : full.keySet()) {
            if (!waitsOn.containsKey(name) && likelyStarved(snapshot, options, workers.get(name))) {
                findings.add(likely(snapshot, full.get(name), workers.get(name)));
            }
        }
        return findings;
    }

    /**
     * No queued task can start: the pool is at its bound with work queued. A pool with an unbounded queue never
     * grows past its core size, so there too queued work waits for a busy worker (a ForkJoinPool, which adds
     * workers to compensate for blocked ones, is taken only at its bound).
     */
    private static boolean cannotStartQueuedWork(ExecutorRecord e) {
        if (!e.bounded() || e.queued() <= 0 || e.name() == null) {
            return false;
        }
        return e.poolSize() >= e.maxPoolSize() || (e.queueCapacity() < 0 && e.kind() != ExecutorKind.FORK_JOIN);
    }

    /** The pool's workers, when the snapshot holds every one of them. */
    private static Optional<List<ThreadRecord>> workers(ExecutorRecord e, Map<Long, ThreadRecord> threads) {
        List<ThreadRecord> found = new ArrayList<>();
        for (long id : new TreeSet<>(e.workerIds())) {
            ThreadRecord t = threads.get(id);
            if (t == null) {
                return Optional.empty();
            }
            found.add(t);
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found);
    }

    private static Finding exact(Set<String> pools, Map<String, ExecutorRecord> full,
                                 Map<String, List<ThreadRecord>> workers, Map<String, Set<String>> waitsOn) {
        List<ThreadRecord> all = pools.stream().flatMap(p -> workers.get(p).stream()).toList();
        String first = pools.iterator().next();
        StringBuilder summary = new StringBuilder("starvation deadlock: ");
        if (pools.size() == 1) {
            List<ThreadRecord> own = workers.get(first);
            summary.append("every worker of executor ").append(first).append(" (")
                    .append(Phrases.names(own.stream().map(Phrases::name).toList(), own.size()))
                    .append(") waits").append(Phrases.waitSite(own.get(0), false))
                    .append(" for a task queued behind it in the same pool; ")
                    .append(Phrases.plural(full.get(first).queued(), "queued task")).append(" can never start");
        } else {
            List<String> parts = new ArrayList<>();
            for (String pool : pools) {
                parts.add("every worker of executor " + pool + " (" + Phrases.plural(workers.get(pool).size(), "worker")
                        + ") waits for a task queued in " + String.join(" or ", waitsOn.get(pool)));
            }
            summary.append(String.join("; ", parts)).append("; none of them can ever start");
        }
        return Finding.of(FindingType.STARVATION_DEADLOCK, Severity.CRITICAL, summary.toString())
                .threads(StuckSite.shown(all))
                .cycle(all.stream().map(ThreadRecord::name).toList())
                .executor(first)
                .build();
    }

    private static boolean likelyStarved(Snapshot snapshot, DetectOptions options, List<ThreadRecord> workers) {
        return workers.stream().allMatch(w -> "WAITING".equals(w.state()) && !w.carrying()
                && Stall.of(snapshot, w) >= options.stuckAfterMillis()
                && waitsForWork(w));
    }

    /** Waits on a future, latch, barrier or permit: things that other work completes. */
    private static boolean waitsForWork(ThreadRecord w) {
        if (w.blockedOn() != null) {
            String type = w.blockedOn().contains("@") ? w.blockedOn().substring(0, w.blockedOn().indexOf('@'))
                    : w.blockedOn();
            if (WAITS_FOR_WORK.stream().anyMatch(type::contains)) {
                return true;
            }
        }
        int app = Frames.firstApplicationIndex(w.stack());
        List<String> waiting = app >= 0 ? w.stack().subList(0, app) : w.stack();
        return waiting.stream().map(Frames::className).anyMatch(c -> WAITS_FOR_WORK.stream().anyMatch(c::contains));
    }

    /**
     * {@code  (PerformCleanupTask)}: what is queued, which tells a worker waiting for one of them apart from a task
     * hung on its own while a library's housekeeping waits behind it; nothing when the agent listed none.
     */
    private static String queuedClasses(Snapshot snapshot, ExecutorRecord pool) {
        Set<String> classes = new TreeSet<>();
        snapshot.tasks().stream()
                .filter(t -> t.state() == TaskState.QUEUED && pool.name().equals(t.executor()) && t.taskClass() != null)
                .forEach(t -> classes.add(Frames.simpleClass(t.taskClass())));
        if (classes.isEmpty()) {
            return "";
        }
        List<String> shown = classes.stream().limit(QUEUED_CLASSES_SHOWN).toList();
        return " (" + String.join(", ", shown) + (classes.size() > shown.size() ? ", ..." : "") + ")";
    }

    private static Finding likely(Snapshot snapshot, ExecutorRecord pool, List<ThreadRecord> workers) {
        long all = workers.stream().mapToLong(w -> Stall.of(snapshot, w)).min().orElse(0);
        String summary = "likely starvation deadlock: every worker of executor " + pool.name()
                + " (" + Phrases.names(workers.stream().map(Phrases::name).toList(), workers.size())
                + ") has waited for " + Phrases.duration(all) + Phrases.waitSite(workers.get(0), false)
                + " while " + Phrases.plural(pool.queued(), "task") + queuedClasses(snapshot, pool)
                + (pool.queued() == 1 ? " sits" : " sit") + " queued in the same pool";
        return Finding.of(FindingType.STARVATION_DEADLOCK, Severity.WARNING, summary)
                .threads(StuckSite.shown(workers))
                .cycle(workers.stream().map(ThreadRecord::name).toList())
                .executor(pool.name())
                .build();
    }
}
