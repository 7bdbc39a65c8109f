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
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code LEAKED_EXECUTOR}: idle executors that were never shut down, piling up from one creation site. One idle
 * executor is a design; several from one site that keep coming (an executor per request, per call: one path making
 * another at least {@code stuckAfter} after the first) is the leak, and so are several made at once by several threads
 * (requests arriving together, each making its own). Executors a start-up makes once, along different paths of its
 * own, are not a pile-up however slowly they come. One library object made per call often makes several executors at
 * several places of its own (a HikariCP pool, four): the piles of one library for one caller outside it are one
 * finding, which names each place.
 */
public final class LeakedExecutorDetector implements Detector {

    /** A task accepting connections: a server's. */
    private static final Set<String> ACCEPTING = Set.of("java.net.ServerSocket.accept",
            "sun.nio.ch.ServerSocketChannelImpl.accept");

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        Map<String, List<ExecutorRecord>> bySite = new LinkedHashMap<>();
        Map<Long, ThreadRecord> threads = new HashMap<>();
        snapshot.executors().stream()
                .filter(e -> !e.shutdown() && !commonPool(e))
                // an ignored place of a library's leaves its other places' piles reported, each on its own merits
                .filter(e -> !Frames.anyStartsWith(e.createdAt(), options.ignore()))
                .filter(e -> Stall.since(snapshot, e.idleSince()) >= options.stuckAfterMillis()
                        || waitingOnlyByDesign(snapshot, e, options, threads))
                .sorted(Comparator.comparingLong(ExecutorRecord::createdAtMillis)
                        .thenComparing(ExecutorRecord::identity, Comparator.nullsFirst(Comparator.naturalOrder())))
                .forEach(e -> bySite.computeIfAbsent(siteKey(e), k -> new ArrayList<>()).add(e));
        Map<String, List<List<ExecutorRecord>>> byCaller = new LinkedHashMap<>();
        bySite.forEach((site, executors) -> {
            if (executors.size() >= options.minLeakedExecutors()
                    && (keptComing(executors, options) || createdBySeveralThreads(executors))) {
                String caller = CreationSites.libraryAndCaller(executors.get(0).createdAt());
                byCaller.computeIfAbsent(caller != null ? caller : "site:" + site, k -> new ArrayList<>()).add(executors);
            }
        });
        List<Finding> findings = new ArrayList<>();
        byCaller.values().forEach(piles -> findings.add(finding(snapshot, piles)));
        findings.sort(Comparator.comparingInt((Finding f) -> -f.count()).thenComparing(Finding::executor));
        return findings;
    }

    /**
     * A server's executor that only waits, for {@code stuckAfter}: a task accepting connections, the others waiting
     * by design (connections waiting for their next request, idle workers). A test server such as OkHttp's
     * MockWebServer runs its accept loop as a task that never ends, so its pool never looks idle. Each worker's stack
     * must be known. A library's executors whose tasks wait on queues of their own (an embedded Hazelcast member's)
     * are its running service, not servers made per call.
     */
    private static boolean waitingOnlyByDesign(Snapshot snapshot, ExecutorRecord e, DetectOptions options,
                                               Map<Long, ThreadRecord> threads) {
        if (e.activeThreads() == 0 || e.queued() > 0 || e.workerIds().isEmpty()) {
            return false;
        }
        if (threads.isEmpty()) {
            // made once per cycle, and only when some executor has running tasks
            snapshot.threads().forEach(t -> threads.putIfAbsent(t.id(), t));
        }
        boolean accepting = false;
        for (long id : e.workerIds()) {
            ThreadRecord worker = threads.get(id);
            if (worker == null || worker.stack().isEmpty() || !IdleStacks.idle(worker.stack(), worker.blockedOn())
                    || Stall.since(snapshot, worker.stalledSince()) < options.stuckAfterMillis()) {
                return false;
            }
            accepting |= worker.stack().stream().anyMatch(f -> ACCEPTING.contains(Frames.method(f)));
        }
        return accepting;
    }

    private static boolean commonPool(ExecutorRecord e) {
        return e.kind() == ExecutorKind.FORK_JOIN && e.name() != null && e.name().contains("commonPool");
    }

    /**
     * The creation site in the application and the caller outside the library there ({@link CreationSites#siteAndCaller}),
     * or the name when the site is unknown.
     */
    private static String siteKey(ExecutorRecord e) {
        String site = CreationSites.siteAndCaller(e.createdAt());
        if (site != null) {
            return site;
        }
        return e.createdAt().isEmpty() ? "name:" + e.name() : e.createdAt().get(0);
    }

    /**
     * The same path made another executor at least {@code stuckAfter} after the first: a loop's, a request's. A
     * start-up that wires several pools along different paths of its own (an embedded Hazelcast member's, slower on a
     * crowded machine than {@code stuckAfter}) made each once. Unknown creation times give no evidence.
     */
    private static boolean keptComing(List<ExecutorRecord> executors, DetectOptions options) {
        Map<List<String>, long[]> spans = new HashMap<>();
        for (ExecutorRecord e : executors) {
            long t = e.createdAtMillis();
            if (t > 0) {
                spans.merge(e.createdAt(), new long[] {t, t},
                        (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            }
        }
        return spans.values().stream().anyMatch(span -> span[1] - span[0] >= options.stuckAfterMillis());
    }

    /**
     * Executors made by several threads: concurrent requests, each making its own pool. A start-up loop making one
     * pool per shard runs on one thread.
     */
    private static boolean createdBySeveralThreads(List<ExecutorRecord> executors) {
        return executors.stream().mapToLong(ExecutorRecord::createdBy).filter(id -> id >= 0).distinct().count() > 1;
    }

    /**
     * {@code the newest, pool-5, }, or {@code the newest } for an executor without a name of its own: the agent names one
     * after its site ({@code Orders.load:52}), which the summary has just said.
     */
    private static String newestNamed(ExecutorRecord newest) {
        return namedAfterItsSite(newest) ? "the newest " : "the newest, " + newest.name() + ", ";
    }

    private static boolean namedAfterItsSite(ExecutorRecord executor) {
        return executor.name() == null || Frames.firstApplicationFrame(executor.createdAt())
                .map(Frames::siteName).filter(executor.name()::equals).isPresent();
    }

    /**
     * The work of a periodic task the executors hold (the simple name of its class, or whose lambda it is), or null:
     * a scheduler made per call for one periodic task is idle but for that task's runs (see the agent's
     * {@code WorkerSlot}).
     */
    private static String periodicWork(Snapshot snapshot, List<ExecutorRecord> executors) {
        Set<String> names = executors.stream().map(ExecutorRecord::name).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        return snapshot.tasks().stream()
                .filter(t -> t.state() == TaskState.SCHEDULED && names.contains(t.executor()))
                .map(t -> work(Frames.simpleClass(t.taskClass())))
                .findFirst().orElse(null);
    }

    /** {@code a lambda of PushMeterRegistry} for {@code PushMeterRegistry$$Lambda$102}, whose number says nothing. */
    private static String work(String simpleClass) {
        int lambda = simpleClass.indexOf("$$Lambda");
        return lambda >= 0 ? "a lambda of " + simpleClass.substring(0, lambda) : simpleClass;
    }

    /**
     * One finding for the piles one library made for one caller ({@code piles}, each from one site, in the order their
     * first executors were made): named after the newest executor made along the path of the first executor with a
     * name of its own among the paths that made more than one (else the first such path), which stays the same one as
     * the other places and paths of the library make more. One place reached along two paths is one pile (Vert.x makes
     * its worker pool and its internal pool in one factory method): the newest of the pile alone would take turns
     * between them, and the finding with it; a path taken once, at start-up, would name an old executor.
     */
    private static Finding finding(Snapshot snapshot, List<List<ExecutorRecord>> piles) {
        List<ExecutorRecord> all = piles.stream().flatMap(List::stream).toList();
        Map<List<String>, Long> perPath = all.stream()
                .collect(Collectors.groupingBy(ExecutorRecord::createdAt, Collectors.counting()));
        List<ExecutorRecord> repeated = all.stream().filter(e -> perPath.get(e.createdAt()) > 1).toList();
        List<ExecutorRecord> candidates = repeated.isEmpty() ? all : repeated;
        List<String> path = candidates.stream().filter(e -> !namedAfterItsSite(e)).findFirst()
                .orElse(candidates.get(0)).createdAt();
        ExecutorRecord newest = all.stream().filter(e -> e.createdAt().equals(path)).reduce((a, b) -> b).orElseThrow();
        long idleThreads = all.stream().mapToLong(e -> e.workerIds().size()).sum();
        List<List<String>> places = piles.stream().map(pile -> pile.get(pile.size() - 1).createdAt()).toList();
        String site = Frames.firstApplicationFrame(newest.createdAt()).isPresent()
                ? CreationSites.describePlaces(places) + Phrases.startedBy(snapshot, newest.createdAt(), newest.createdBy())
                : newest.name();
        String periodic = periodicWork(snapshot, all);
        String summary = all.size() + " executors created at " + site
                + " were never shut down and sit idle" + (periodic != null ? " but for periodic runs of " + periodic : "")
                + (idleThreads > 0 ? " holding " + Phrases.plural(idleThreads, "thread") : "")
                + " (" + newestNamed(newest) + "created " + Phrases.duration(
                        Math.max(0, snapshot.takenAt() - newest.createdAtMillis())) + " ago)";
        Set<Long> workerIds = all.stream().flatMap(e -> e.workerIds().stream()).collect(Collectors.toSet());
        List<ThreadRecord> workers = snapshot.threads().stream()
                .filter(t -> workerIds.contains(t.id()))
                .sorted(Comparator.comparingLong(ThreadRecord::id))
                .toList();
        return Finding.of(FindingType.LEAKED_EXECUTOR, Severity.WARNING, summary)
                .threads(StuckSite.shown(workers))
                .executor(Objects.requireNonNullElse(newest.name(), site))
                .createdAt(newest.createdAt())
                .count(all.size())
                .build();
    }
}
