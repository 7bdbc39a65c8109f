package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.ExecutorRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadNameKind;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code EXIT_BLOCKED}: {@code main} has returned, and non-daemon application threads have kept the JVM alive for
 * {@code stuckAfter}, idle or not. When {@code main} returns, the launcher's thread turns into
 * {@code DestroyJavaVM} and waits for every non-daemon thread to end; that thread's presence (in a live snapshot or
 * in a thread dump) says {@code main} has ended, and how long it has been there says for how long. The finding
 * lists every thread that holds the JVM and says what to do about each: shut its executor down, cancel its
 * {@code Timer}, or end it or make it a daemon.
 *
 * <p>A JVM that serves after {@code main} returned (a non-daemon thread accepts connections, runs the JDK's HTTP
 * server or waits in Tomcat's shutdown loop, as a Spring Boot application does) stays up by design and is not
 * reported.
 */
public final class ExitBlockedDetector implements Detector {

    static final String DESTROY_JAVA_VM = "DestroyJavaVM";
    static final int REMEDIES_SHOWN = 6;
    private static final String RMI_REAPER = "RMI Reaper";
    private static final String EXIT_IN_A_HOOK = "System.exit called from a shutdown hook waits for the exit under"
            + " way, which waits for the hook: for good (let the hook end instead, or call Runtime.halt to end the JVM"
            + " at once)";

    /** Frames of a non-daemon thread whose JVM is meant to keep serving. */
    private static final Set<String> SERVING = Set.of(
            "java.net.ServerSocket.accept",
            "sun.nio.ch.ServerSocketChannelImpl.accept",
            "sun.net.httpserver.ServerImpl$Dispatcher.run",
            "org.apache.catalina.core.StandardServer.await");

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        List<Finding> hooks = hooksHolding(snapshot, options);
        if (!hooks.isEmpty()) {
            return hooks;
        }
        ThreadRecord destroy = destroyJavaVm(snapshot.threads());
        if (destroy == null || destroy.startedAt() <= 0) {
            return List.of();
        }
        long blockedFor = snapshot.takenAt() - destroy.startedAt();
        List<ThreadRecord> holding = snapshot.threads().stream()
                .filter(t -> !t.virtual() && !t.daemon() && t.id() != destroy.id())
                .filter(t -> ThreadRole.of(t) != ThreadRole.AGENT
                        && (t.nameKind() != ThreadNameKind.SYSTEM || rmiReaper(t)))
                .filter(t -> !shutdownHook(t))
                .sorted(Comparator.comparingLong(ThreadRecord::id))
                .toList();
        if (blockedFor < options.stuckAfterMillis() || holding.isEmpty()
                || servingByDesign(holding, options.pileUp())) {
            return List.of();
        }
        String summary = "main ended " + Phrases.duration(blockedFor) + " ago but "
                + (holding.size() == 1 ? "1 non-daemon thread keeps" : holding.size() + " non-daemon threads keep")
                + " the JVM from exiting: " + String.join("; ", remedies(snapshot, holding));
        return List.of(Finding.of(FindingType.EXIT_BLOCKED, Severity.WARNING, summary)
                .threads(holding.stream().map(FindingThread::of).toList())
                .durationMs(blockedFor)
                .count(holding.size())
                .build());
    }

    /**
     * The launcher's thread once {@code main} has returned, else null. Asked of every thread each cycle, and almost
     * always absent: what the record's name says is read before the name (at ten thousand threads, reading every
     * name out of memory was 5 % of a cycle at rest). The launcher attaches that thread and nobody starts it, so one
     * whose creation site a source knows is not it.
     */
    private static ThreadRecord destroyJavaVm(List<ThreadRecord> threads) {
        for (ThreadRecord t : threads) {
            if (t.nameKind() == ThreadNameKind.SYSTEM && t.createdAt().isEmpty() && !t.virtual()
                    && DESTROY_JAVA_VM.equals(t.name())) {
                return t;
            }
        }
        return null;
    }

    /**
     * A pool worker in a timed poll of its queue for its next task: beyond the pool's core size (or with core threads
     * allowed to time out) it leaves the pool when the keep-alive passes with nothing to do, and the JVM can exit then.
     * A scheduled executor's worker between ticks takes from its delay queue instead, and stays.
     */
    private static boolean waitingOutKeepAlive(ThreadRecord t) {
        List<String> stack = t.stack();
        for (int i = 1; i < stack.size(); i++) {
            if (Frames.is(stack.get(i), "java.util.concurrent.ThreadPoolExecutor", "getTask")) {
                return "TIMED_WAITING".equals(t.state()) && Frames.method(stack.get(i - 1)).endsWith(".poll");
            }
        }
        return false;
    }

    /**
     * The JVM is exiting (main returned, or {@code System.exit}) and runs the application's shutdown hooks, waiting
     * for each to end, and a hook has not ended for {@code stuckAfter}: a hook that waits for what never comes (an
     * executor's termination while its task never ends: Guava's {@code getExitingExecutorService}) hangs the exit.
     * The JVM's and the agent's own hooks aside; a hook that works on is given longer ({@link #holdsTheExit}).
     */
    private static List<Finding> hooksHolding(Snapshot snapshot, DetectOptions options) {
        List<ThreadRecord> hooks = new ArrayList<>();
        long longest = 0;
        // asked of every thread each cycle: threads started at one site share one creation stack, read once
        Map<List<String>, Boolean> hookSites = new IdentityHashMap<>();
        for (ThreadRecord t : snapshot.threads()) {
            long running = t.startedAt() > 0 ? snapshot.takenAt() - t.startedAt() : -1;
            if (running >= options.stuckAfterMillis() && holdsTheExit(snapshot, t, running, options)
                    && hookSites.computeIfAbsent(t.createdAt(), ExitBlockedDetector::startedByTheExit)
                    && t.nameKind() == ThreadNameKind.OTHER) {
                hooks.add(t);
                longest = Math.max(longest, running);
            }
        }
        if (hooks.isEmpty()) {
            return List.of();
        }
        String summary = "the JVM has been exiting for " + Phrases.duration(longest) + " but "
                + (hooks.size() == 1 ? "a shutdown hook has" : hooks.size() + " shutdown hooks have") + " not ended: "
                + hooks.stream().map(h -> hook(snapshot, h)).collect(Collectors.joining("; "));
        return List.of(Finding.of(FindingType.EXIT_BLOCKED, Severity.WARNING, summary)
                .threads(hooks.stream().map(FindingThread::of).toList())
                .durationMs(longest)
                .count(hooks.size())
                .build());
    }

    /**
     * Where a hook is, and, when the exit waits for it for good, why: it called {@code System.exit} itself, or it
     * waits for a lock the thread that called {@code System.exit} holds. Nothing else tells the user either.
     */
    private static String hook(Snapshot snapshot, ThreadRecord hook) {
        String verb = "RUNNABLE".equals(hook.state()) && !IdleStacks.awaitingAnswerForever(hook.stack())
                ? "running" : Phrases.verb(hook);
        String where = "thread " + Phrases.name(hook) + " " + verb + Phrases.waitSite(hook, true);
        if (callsExit(hook)) {
            return where + ": " + EXIT_IN_A_HOOK;
        }
        ThreadRecord owner = exitingOwner(snapshot, hook);
        return owner == null ? where : where + ", which called System.exit" + Phrases.applicationSite(owner.stack())
                + " holding it and waits for the hooks, which wait for it: for good (call System.exit holding no lock"
                + " a hook takes)";
    }

    /** In {@code System.exit} or {@code Runtime.exit}. */
    private static boolean callsExit(ThreadRecord thread) {
        for (String frame : thread.stack()) {
            if (Frames.is(frame, "java.lang.Shutdown", "exit")) {
                return true;
            }
        }
        return false;
    }

    /** The owner of the lock the hook waits for, when that owner is the thread that called {@code System.exit}. */
    private static ThreadRecord exitingOwner(Snapshot snapshot, ThreadRecord hook) {
        if (hook.ownerId() < 0 || hook.ownerId() == hook.id()) {
            return null;
        }
        for (ThreadRecord t : snapshot.threads()) {
            if (t.id() == hook.ownerId()) {
                return callsExit(t) ? t : null;
            }
        }
        return null;
    }

    /**
     * A hook that has run {@code stuckAfter} holds the exit when it has not moved for as long (or nobody can say), or
     * has run twice as long whatever it does: one that works on (a logging framework stopping its appenders, its
     * threads taken off the CPU on a crowded machine, 2 s once) makes the exit slow rather than hung, and is told
     * only when the exit has become long.
     */
    private static boolean holdsTheExit(Snapshot snapshot, ThreadRecord hook, long running, DetectOptions options) {
        long stalled = Stall.of(snapshot, hook);
        return stalled < 0 || stalled >= options.stuckAfterMillis() || running >= 2 * options.stuckAfterMillis();
    }

    /** A shutdown hook running: the JVM is exiting already (the report written at exit sees them). */
    private static boolean shutdownHook(ThreadRecord t) {
        return startedByTheExit(t.createdAt());
    }

    static boolean startedByTheExit(List<String> createdAt) {
        return createdAt.stream().anyMatch(f -> Frames.is(f, "java.lang.ApplicationShutdownHooks", "runHooks"));
    }

    /**
     * Whether a server keeps the JVM up on purpose: some thread accepts connections, and fewer than a pile-up of them
     * were started at its creation site. More are servers made per call and never stopped (a cluster channel per
     * message, each with its acceptor), which a JVM meant to end cannot end with. A thread of the site whose stack the
     * snapshot did not take (the live agent takes a budgeted number) counts as one if it is in the same state: the
     * count must not drop, and the finding come and go, with the stacks a cycle happened to take.
     */
    private static boolean servingByDesign(List<ThreadRecord> holding, int pileUp) {
        Map<List<String>, List<ThreadRecord>> bySite = holding.stream()
                .collect(Collectors.groupingBy(t -> CreationSites.key(t.createdAt())));
        for (List<ThreadRecord> site : bySite.values()) {
            List<ThreadRecord> serving = site.stream().filter(ExitBlockedDetector::serving).toList();
            Set<String> states = serving.stream().map(ThreadRecord::state).collect(Collectors.toSet());
            long alike = site.stream().filter(t -> t.stack().isEmpty() && states.contains(t.state())).count();
            if (!serving.isEmpty() && serving.size() + alike <= pileUp) {
                return true;
            }
        }
        return false;
    }

    /**
     * Accepting connections: blocked in {@code accept()} or the JDK HTTP server's loop, or an acceptor selecting for
     * them (MINA's {@code NioSocketAcceptor}: a loop of a class named an acceptor, waiting in a selector).
     */
    private static boolean serving(ThreadRecord t) {
        boolean selecting = false;
        for (String frame : t.stack()) {
            String method = Frames.method(frame);
            if (SERVING.contains(method)) {
                return true;
            }
            selecting |= IdleStacks.selecting(method);
            if (selecting && Frames.simpleClass(Frames.className(frame)).contains("Acceptor")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The JDK's RMI reaper, not a daemon: it lives while any remote object is exported (a registry, a JMX connector
     * server), and so does the JVM. Started where the first object was exported.
     */
    private static boolean rmiReaper(ThreadRecord t) {
        return RMI_REAPER.equals(t.name());
    }

    /**
     * What to close for each holder: one executor for all its workers (executors made per call under one name, one
     * line for all of them); one line per timer or plain thread, or per creation site when several were started at one
     * (a library's scheduler made per call leaves dozens). The lines holding the most threads first, at most
     * {@value #REMEDIES_SHOWN}; the threads themselves are all listed with the finding.
     */
    private static List<String> remedies(Snapshot snapshot, List<ThreadRecord> holding) {
        Map<String, List<ThreadRecord>> byExecutor = new LinkedHashMap<>();
        Map<String, List<ThreadRecord>> bySite = new LinkedHashMap<>();
        for (ThreadRecord t : holding) {
            if (t.executor() != null) {
                byExecutor.computeIfAbsent(t.executor(), k -> new ArrayList<>()).add(t);
            } else {
                bySite.computeIfAbsent(timer(t) + " " + String.join(";", t.createdAt()), k -> new ArrayList<>()).add(t);
            }
        }
        record Remedy(int threads, String text) {
        }
        // executors of one creation site are one line, whatever their names (a client per call names each its own)
        record Holders(List<String> names, List<ThreadRecord> workers, List<ExecutorRecord> executors) {
        }
        Map<String, Holders> bySiteOrName = new LinkedHashMap<>();
        byExecutor.forEach((executor, workers) -> {
            Set<Long> ids = workers.stream().map(ThreadRecord::id).collect(Collectors.toSet());
            List<ExecutorRecord> records = snapshot.executors().stream()
                    .filter(e -> executor.equals(e.name()) && e.workerIds().stream().anyMatch(ids::contains))
                    .collect(Collectors.toCollection(ArrayList::new));
            if (records.isEmpty()) {
                snapshot.executor(executor).ifPresent(records::add);
            }
            // a library's default name is shared by executors its callers made at different sites
            Map<List<String>, List<ExecutorRecord>> sites = records.stream()
                    .collect(Collectors.groupingBy(ExecutorRecord::createdAt, LinkedHashMap::new, Collectors.toList()));
            List<ThreadRecord> unclaimed = new ArrayList<>(workers);
            List<Map.Entry<List<String>, List<ExecutorRecord>>> groups = new ArrayList<>(sites.entrySet());
            if (groups.isEmpty()) {
                groups.add(Map.entry(List.of(), List.of()));
            }
            for (int i = 0; i < groups.size(); i++) {
                List<String> createdAt = groups.get(i).getKey();
                List<ExecutorRecord> made = groups.get(i).getValue();
                Set<Long> theirs = made.stream().flatMap(e -> e.workerIds().stream()).collect(Collectors.toSet());
                List<ThreadRecord> mine = i == groups.size() - 1 ? List.copyOf(unclaimed)
                        : unclaimed.stream().filter(w -> theirs.contains(w.id())).toList();
                unclaimed.removeAll(mine);
                String key = createdAt.isEmpty() ? "name " + executor : "site " + String.join(";", createdAt);
                Holders h = bySiteOrName.computeIfAbsent(key,
                        k -> new Holders(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
                if (!h.names().contains(executor)) {
                    h.names().add(executor);
                }
                h.workers().addAll(mine);
                h.executors().addAll(made);
            }
        });
        List<Remedy> remedies = new ArrayList<>();
        bySiteOrName.values().forEach(h -> {
            List<ThreadRecord> workers = h.workers();
            List<String> createdAt = h.executors().isEmpty() ? List.of() : h.executors().get(0).createdAt();
            String detail = Phrases.plural(workers.size(), "worker") + ": " + Phrases.names(StuckSite.names(workers), workers.size());
            String which;
            if (h.names().size() > 1) {
                which = "the " + h.executors().size() + " executors created at " + CreationSites.describe(createdAt);
            } else {
                which = h.executors().size() > 1 ? "the " + h.executors().size() + " executors named " + h.names().get(0)
                        : "executor " + h.names().get(0);
                detail += startedAt(createdAt, "created");
            }
            if (workers.stream().allMatch(ExitBlockedDetector::waitingOutKeepAlive)) {
                detail += ": idle beyond the pool's core size, they end by themselves after its keep-alive";
            }
            // shut down already, its workers still running what they had: what they run ignores the interrupt
            boolean shutDown = !h.executors().isEmpty() && h.executors().stream().allMatch(ExecutorRecord::shutdown);
            remedies.add(new Remedy(workers.size(), shutDown
                    ? "end the tasks of " + which + ", shut down but still running them (" + detail + ")"
                    : "shut down " + which + " (" + detail + ")"));
        });
        bySite.values().forEach(threads -> {
            ThreadRecord first = threads.get(0);
            if (rmiReaper(first)) {
                remedies.add(new Remedy(1, "unexport the remote objects still exported"
                        + " (UnicastRemoteObject.unexportObject; a JMX connector server's stop(); thread RMI Reaper"
                        + startedAt(first.createdAt(), "started") + ")"));
                return;
            }
            String what = timer(first) ? "cancel the Timer of " : "end or make daemon ";
            String site = startedAt(first.createdAt(), "started");
            site += site.isEmpty() ? "" : Phrases.startedBy(snapshot, first);
            remedies.add(new Remedy(threads.size(), threads.size() == 1
                    ? what + "thread " + Phrases.name(first) + " (" + first.state() + site + ")"
                    : what + threads.size() + " threads" + (site.isEmpty() ? "" : site.substring(1))
                    + " (" + Phrases.names(StuckSite.names(threads), threads.size()) + ")"));
        });
        // a stable sort: equal holders keep the order they were found in
        List<String> out = remedies.stream().sorted(Comparator.comparingInt((Remedy r) -> -r.threads()))
                .map(Remedy::text).collect(Collectors.toCollection(ArrayList::new));
        if (out.size() > REMEDIES_SHOWN) {
            int rest = out.size() - REMEDIES_SHOWN;
            out.subList(REMEDIES_SHOWN, out.size()).clear();
            out.add("and " + rest + " more like these");
        }
        return out;
    }

    /** A {@code java.util.Timer}'s thread: started by the Timer's constructor, or looping in its main loop. */
    private static boolean timer(ThreadRecord t) {
        return t.createdAt().stream().anyMatch(f -> Frames.is(f, "java.util.Timer", "<init>"))
                || t.stack().stream().anyMatch(f -> Frames.is(f, "java.util.TimerThread", "mainLoop"));
    }

    private static String startedAt(List<String> site, String verb) {
        return Frames.firstApplicationFrame(site).isPresent() ? ", " + verb + " at " + CreationSites.describe(site) : "";
    }
}
