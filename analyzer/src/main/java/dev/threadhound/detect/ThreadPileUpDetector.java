package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.HotRun;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code THREAD_PILE_UP}: idle or timed-waiting threads started at one creation site ({@link CreationSites}),
 * alive in a number that keeps growing. One idle thread is a design; a timer, a client or a pool object made per
 * call and never closed leaves one more every call, and so does a connection that a library's call opened for its
 * caller and that keeps a thread reading it, an SSH session never disconnected ({@link #readingForACaller}).
 * Reported when more than {@link DetectOptions#pileUp()} are
 * alive and they were not all started together: the newest started at least {@code stuckAfter} after the oldest,
 * or far more of them than one burst explains were started by several threads (concurrent calls). A set started
 * together by one thread (per-core workers) is not a pile-up, however large, and neither is a library's pool that
 * starts its threads one by one as work arrives ({@link OnePool}).
 *
 * <p>Workers of an executor are the executor's ({@link LeakedExecutorDetector}); a thread stuck without progress
 * is a {@code LEAKED_THREAD}; virtual threads are cheap and come and go by the thousand, and are not counted.
 */
public final class ThreadPileUpDetector implements Detector {

    /** Started together, more than this many times the threshold is more than one burst explains. */
    static final int BURST_FACTOR = 4;

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        // Grouped before sorting, and each site's key made once: ten thousand idle threads of one site cost one
        // pass, not a sort and a key each.
        Map<List<String>, List<ThreadRecord>> bySite = new HashMap<>();
        Map<List<String>, List<String>> keys = new IdentityHashMap<>();
        Map<List<String>, Boolean> idleStacks = new IdentityHashMap<>();
        Readers readers = new Readers();
        for (ThreadRecord t : snapshot.threads()) {
            if (t.virtual() || t.executor() != null || t.createdAt().isEmpty()
                    || !idle(snapshot, t, options, idleStacks, readers)) {
                continue;
            }
            List<String> key = keys.computeIfAbsent(t.createdAt(), CreationSites::key);
            if (!key.isEmpty()) {
                bySite.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
            }
        }
        Comparator<ThreadRecord> byStart = Comparator.comparingLong(ThreadRecord::startedAt)
                .thenComparingLong(ThreadRecord::id);
        List<List<ThreadRecord>> piled = new ArrayList<>();
        for (List<ThreadRecord> threads : bySite.values()) {
            if (threads.size() > options.pileUp()) {
                threads.sort(byStart);
                piled.add(threads);
            }
        }
        // sites in the order of their oldest thread, as ties among the findings below are listed
        piled.sort(Comparator.comparing(threads -> threads.get(0), byStart));
        List<Finding> findings = new ArrayList<>();
        for (List<ThreadRecord> threads : piled) {
            if ((grewOverTime(threads, options) || beyondOneBurst(threads, options)) && !OnePool.fillingUp(threads)) {
                findings.add(finding(snapshot, threads, threads.stream().allMatch(readers::counted)));
            }
        }
        findings.sort(Comparator.comparingInt((Finding f) -> -f.count()).thenComparing(f -> f.createdAt().get(0)));
        return findings;
    }

    /**
     * Waiting for work or for time to pass: idle by design, or timed-waiting, or waiting but not (yet) stuck, or
     * reading a connection opened for a caller. A thread stuck for {@code stuckAfter} is a {@code LEAKED_THREAD}
     * instead; a running one is busy.
     */
    private static boolean idle(Snapshot snapshot, ThreadRecord t, DetectOptions options,
                                Map<List<String>, Boolean> idleStacks, Readers readers) {
        boolean idle = "TIMED_WAITING".equals(t.state()) || idleStack(t.stack(), t.blockedOn(), idleStacks)
                || t.waiting() && !Stall.stuck(snapshot, t, options) || quietInAnIdleLoop(snapshot, t, idleStacks)
                || readingForACaller(snapshot, t, readers);
        // the name last: at ten thousand stuck threads, reading their names was most of what this pass cost
        return idle && ThreadRole.byName(t) == null;
    }

    /**
     * Idle by its stack ({@link IdleStacks#waitingForWork}; a socket read is not, unless {@link #readingForACaller}),
     * read once per distinct stack: a source that shares one list among the threads parked at one place (the agent
     * does) has ten thousand threads cost one reading.
     */
    private static boolean idleStack(List<String> stack, String blockedOn, Map<List<String>, Boolean> idleStacks) {
        if (stack.isEmpty()) {
            return IdleStacks.waitingForWork(stack, blockedOn);
        }
        // no computeIfAbsent: its lambda would hold this thread, one made for each of ten thousand threads a cycle
        Boolean idle = idleStacks.get(stack);
        if (idle == null) {
            idle = IdleStacks.waitingForWork(stack, blockedOn);
            idleStacks.put(stack, idle);
        }
        return idle;
    }

    /**
     * A running thread whose stack this snapshot lacks (the agent looks at a few running threads a cycle, not all),
     * seen in an idle loop earlier in the same run and with almost no CPU used since: a selector waiting for events,
     * in native code the whole time. Without this, the event loops of groups made per call and never shut down would
     * be counted only as far as this cycle's looks reached, a number that jumps from cycle to cycle. The CPU a loop
     * used to start (its first allocations, class loading) is before the look and does not count.
     */
    private static boolean quietInAnIdleLoop(Snapshot snapshot, ThreadRecord t, Map<List<String>, Boolean> idleStacks) {
        List<String> last = quietSinceLastLook(snapshot, t);
        return !last.isEmpty() && idleStack(last, null, idleStacks);
    }

    /**
     * The stack a running thread without one in this snapshot was last seen with, when it has used almost no CPU
     * since: it is still there. Empty otherwise.
     */
    private static List<String> quietSinceLastLook(Snapshot snapshot, ThreadRecord t) {
        HotRun run = t.history().hot();
        boolean quiet = run != null && t.stack().isEmpty() && "RUNNABLE".equals(t.state())
                && run.cpuShareSinceLastLook(t, snapshot.takenAt()) < HotRun.HOT_SHARE;
        return quiet ? run.last() : List.of();
    }

    /**
     * A thread reading a socket ({@link IdleStacks#readingInput}) that a library's call started for a caller outside
     * the library ({@link CreationSites#calledFromAnotherLibrary} on its creation site): the reader of a connection
     * the call opened, JSch's session thread for one. A server's threads reading their connections' next requests
     * are started by its own accepting loop, with no caller outside it on their creation site, and a server is
     * meant to hold many connections: they are not counted; nor are a pool's connections.
     */
    private static boolean readingForACaller(Snapshot snapshot, ThreadRecord t, Readers readers) {
        if (!"RUNNABLE".equals(t.state())) {
            return false;
        }
        List<String> stack = t.stack().isEmpty() ? quietSinceLastLook(snapshot, t) : t.stack();
        boolean reader = !stack.isEmpty() && readers.reading(stack) && readers.openedForACaller(t.createdAt());
        if (reader) {
            readers.counted.add(t);
        }
        return reader;
    }

    /**
     * What {@link #readingForACaller} reads off stacks and creation sites, once per distinct list (threads parked
     * or started at one place share one), and the threads it counted: a pile of them is named for what they do.
     */
    private static final class Readers {
        private final Map<List<String>, Boolean> reading = new IdentityHashMap<>();
        private final Map<List<String>, Boolean> forACaller = new IdentityHashMap<>();
        private final Set<ThreadRecord> counted = Collections.newSetFromMap(new IdentityHashMap<>());

        boolean counted(ThreadRecord t) {
            return counted.contains(t);
        }

        boolean reading(List<String> stack) {
            return reading.computeIfAbsent(stack, IdleStacks::readingInput);
        }

        boolean openedForACaller(List<String> createdAt) {
            return forACaller.computeIfAbsent(createdAt,
                    site -> CreationSites.calledFromAnotherLibrary(site) && !pooled(site));
        }

        /**
         * Whether a pool opened the connection (a class of its name on the creation site: commons-pool's
         * {@code GenericObjectPool.create}, a JMS or SSH session pool): a pool opens connections up to its size as
         * demand grows and keeps them, which is its design, not a pile. A pool of threads is not one of them: a
         * server's request threads run in one (Jetty's {@code QueuedThreadPool}, Tomcat's copy of
         * {@code ThreadPoolExecutor}), at the bottom of every stack they have.
         */
        private static boolean pooled(List<String> createdAt) {
            return CreationSites.key(createdAt).stream().anyMatch(Readers::objectPool);
        }

        private static boolean objectPool(String frame) {
            String type = Frames.simpleClass(Frames.className(frame));
            return type.contains("Pool") && !type.contains("ThreadPool") && !type.contains("ForkJoinPool")
                    && !Frames.methodName(frame).startsWith("run");
        }
    }

    /** More were started after the first {@code stuckAfter}: the number keeps growing. */
    private static boolean grewOverTime(List<ThreadRecord> threads, DetectOptions options) {
        long oldest = threads.get(0).startedAt();
        long newest = threads.get(threads.size() - 1).startedAt();
        return oldest > 0 && newest - oldest >= options.stuckAfterMillis();
    }

    /** Many more than the threshold at once, started by several threads: concurrent calls each making one. */
    private static boolean beyondOneBurst(List<ThreadRecord> threads, DetectOptions options) {
        long starters = threads.stream().mapToLong(ThreadRecord::createdBy).filter(id -> id >= 0).distinct().count();
        return threads.size() > BURST_FACTOR * options.pileUp() && starters > 1;
    }

    /** @param reading every thread reads a connection ({@link #readingForACaller}) */
    private static Finding finding(Snapshot snapshot, List<ThreadRecord> threads, boolean reading) {
        ThreadRecord oldest = threads.get(0);
        ThreadRecord newest = threads.get(threads.size() - 1);
        boolean daemons = threads.stream().allMatch(ThreadRecord::daemon);
        String summary = threads.size() + (daemons ? " idle daemon threads" : " idle threads")
                + (reading ? " reading connections" : "") + " started at "
                + CreationSites.describe(newest.createdAt()) + Phrases.startedBy(snapshot, newest) + " are alive and keep piling up ("
                + Phrases.names(StuckSite.names(threads), threads.size()) + "; oldest started "
                + Phrases.duration(age(snapshot, oldest)) + " ago, newest " + Phrases.duration(age(snapshot, newest))
                + " ago): " + (reading ? "the connections are never closed" : "what starts them is never stopped or closed");
        return Finding.of(FindingType.THREAD_PILE_UP, Severity.WARNING, summary)
                .threads(StuckSite.shown(threads))
                .createdAt(newest.createdAt())
                .count(threads.size())
                .build();
    }

    private static long age(Snapshot snapshot, ThreadRecord t) {
        return Math.max(0, snapshot.takenAt() - t.startedAt());
    }
}
