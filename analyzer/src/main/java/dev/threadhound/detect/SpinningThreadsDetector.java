package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.HotRun;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * {@code SPINNING_THREADS}: threads found {@code RUNNABLE} with growing CPU time at every snapshot for
 * {@code stuckAfter}, at least {@link HotRun#HOT_SHARE} of a core over that time, whose stacks, at
 * {@value #MIN_LOOKS} looks or more, stayed within {@value #SPIN_FRAMES} frames (method and line) above a bottom
 * they never left: an endless loop. A computation that gets somewhere moves through its code and piles up more;
 * a thread found in the same native call at every look is in one long call (compressing, reading), not a loop, unless
 * that call is {@code Thread.yield}; a Disruptor wait strategy that spins or yields by design is left alone. Grouped by the
 * methods they loop in and where they were started; the threads waiting for them (a {@code join()} on one, a
 * future one of them runs) are named as victims.
 */
public final class SpinningThreadsDetector implements Detector {

    /**
     * The looks of a run decide once it has lasted {@code stuckAfter}, and for a short {@code stuckAfter} these are the
     * first looks of the run, taken while the JVM is young: a computation that gets somewhere, in a sort that the JIT
     * has not yet compiled on a crowded machine, spent more than half of its time within four frames of it: all of five
     * looks land there 8 % of the time (0.6 to the fifth), all of ten 0.6 %. A spin stays in its frames at every look,
     * so more looks cost it only the time they take ({@code stuckAfter} is thirty cycles by default).
     */
    static final int MIN_LOOKS = 10;
    static final int SPIN_FRAMES = 4;
    /**
     * Native calls that return at once: a loop around {@code Thread.yield()} is found in it at nearly every look
     * ({@code yield0} on JDK 25), which is a spin, not one long call.
     */
    private static final Set<String> YIELDS = Set.of("java.lang.Thread.yield", "java.lang.Thread.yield0");
    /**
     * Starting a thread: a loop that keeps starting threads (a {@code CompletableFuture} falling back to a thread per
     * task when the common pool has one worker) is found in it at most looks on a busy machine, and gets somewhere.
     */
    private static final String STARTS_A_THREAD = "java.lang.Thread.start0";
    /**
     * What a loop through a call into the OS must burn to be a spin: such a call can wait there (an event loop's
     * {@code epoll_wait}, found {@code RUNNABLE} in it like any native call), and a loop that waits for events uses what
     * the events need, a quarter of a core for the JDK's HTTP client's selector under load, while one whose call
     * returns at once (a selector woken with nothing to do, the old epoll bug) takes the whole core.
     */
    static final double NATIVE_LOOP_SHARE = 0.9;
    /** Wait strategies that spin or yield while idle by design, the price of their latency, chosen by whoever set them up. */
    private static final List<String> SPINNING_WAIT_STRATEGIES = List.of("com.lmax.disruptor.BusySpinWaitStrategy.",
            "com.lmax.disruptor.YieldingWaitStrategy.", "com.lmax.disruptor.SleepingWaitStrategy.");

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        Map<List<Object>, List<ThreadRecord>> bySite = new LinkedHashMap<>();
        // only a running thread is in a run at full CPU (HotRun); filtered before sorted: the few spinning threads
        ThreadSubsets.of(snapshot).running().stream()
                .filter(t -> spinning(snapshot, t, options))
                .filter(t -> ThreadRole.of(t) != ThreadRole.AGENT && ThreadRole.of(t) != ThreadRole.SYSTEM)
                .sorted(Comparator.comparingLong(ThreadRecord::id))
                .forEach(t -> bySite.computeIfAbsent(site(t), k -> new ArrayList<>()).add(t));
        return bySite.values().stream()
                .map(group -> finding(snapshot, group))
                .sorted(Comparator.comparingLong((Finding f) -> -f.durationMs())
                        .thenComparing(f -> f.threads().get(0).id()))
                .toList();
    }

    static boolean spinning(Snapshot snapshot, ThreadRecord t, DetectOptions options) {
        HotRun run = t.history().hot();
        return run != null && run.looks() >= MIN_LOOKS && !run.anchor().isEmpty()
                && !nativeCallNotYield(run.anchor().get(0))
                && Stream.concat(run.anchor().stream(), run.moving().stream())
                        .noneMatch(f -> spinsByDesign(f) || STARTS_A_THREAD.equals(Frames.method(f)))
                && run.moving().size() <= SPIN_FRAMES
                && Stall.since(snapshot, run.since()) >= options.stuckAfterMillis()
                && run.cpuShare(t, snapshot.takenAt()) >= (callsIntoTheOs(run) ? NATIVE_LOOP_SHARE : HotRun.HOT_SHARE);
    }

    /** Whether some looks of the run found it in a native call other than a yield. */
    private static boolean callsIntoTheOs(HotRun run) {
        return run.moving().stream().anyMatch(SpinningThreadsDetector::nativeCallNotYield);
    }

    private static boolean nativeCallNotYield(String frame) {
        return frame.endsWith("(Native Method)") && !YIELDS.contains(Frames.method(frame));
    }

    private static boolean spinsByDesign(String frame) {
        String method = Frames.method(frame);
        return SPINNING_WAIT_STRATEGIES.stream().anyMatch(method::startsWith);
    }

    /** The methods the thread loops in, the frame it never leaves, and where it was started. */
    private static List<Object> site(ThreadRecord t) {
        HotRun run = t.history().hot();
        Set<String> methods = new TreeSet<>();
        run.moving().forEach(f -> methods.add(Frames.method(f)));
        return List.of(methods, Frames.method(run.anchor().get(0)), t.createdAt());
    }

    private static Finding finding(Snapshot snapshot, List<ThreadRecord> threads) {
        List<ThreadRecord> sorted = threads.stream()
                .sorted(Comparator.comparingLong((ThreadRecord t) -> t.history().hot().since())
                        .thenComparingLong(ThreadRecord::id))
                .toList();
        ThreadRecord first = sorted.get(0);
        HotRun run = first.history().hot();
        long longest = Stall.since(snapshot, run.since());
        List<String> loop = loopFrames(run);
        List<ThreadRecord> victims = Waiters.of(snapshot, sorted, true);
        boolean single = sorted.size() == 1;
        String summary = StuckSite.describe(sorted) + " spinning" + (single ? " for " : " for up to ")
                + Phrases.duration(longest) + " at " + Math.round(100 * Math.min(1.0, run.cpuShare(first, snapshot.takenAt())))
                + "% of a core in " + String.join(", ", new TreeSet<>(methodsOf(loop)))
                + ", never leaving " + Frames.shortFrame(run.anchor().get(0))
                + Phrases.startedAt(first.createdAt()) + Waiters.phrase(victims, false, false);
        return Finding.of(FindingType.SPINNING_THREADS, Severity.WARNING, summary)
                .threads(sorted.stream().limit(StuckSite.THREADS_SHOWN).map(SpinningThreadsDetector::shown).toList())
                .site(loop)
                .durationMs(longest)
                .count(sorted.size())
                .victims(victims.stream().limit(StuckSite.THREADS_SHOWN).map(FindingThread::of).toList())
                .build();
    }

    /** The newest look from its top down to the frame the loop never leaves. */
    private static List<String> loopFrames(HotRun run) {
        List<String> last = run.last();
        int end = Math.min(last.size(), last.size() - run.anchor().size() + 1);
        return end > 0 ? last.subList(0, end) : run.anchor().subList(0, 1);
    }

    private static Set<String> methodsOf(List<String> frames) {
        Set<String> out = new HashSet<>();
        frames.forEach(f -> out.add(Frames.shortMethod(f)));
        return out;
    }

    /** A spinning thread is shown with its newest look when this snapshot took none. */
    private static FindingThread shown(ThreadRecord t) {
        return FindingThread.of(t.stack().isEmpty() ? t.withStack(t.history().hot().last()) : t);
    }
}
