package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.ContentionRecord;
import dev.threadhound.model.LockSamples;
import dev.threadhound.model.SampledLock;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code CONTENTION}, from two kinds of evidence. Timed waits (JFR): a lock class at one call site where threads,
 * together, waited at least {@link DetectOptions#contentionMinTotal()} over the contention window; four times that
 * is a {@code WARNING}, less is {@code INFO}. Sampled states: a lock object that threads were found freshly waiting
 * for in at least {@value #SAMPLED_SHARE_PERCENT} % of the recent snapshots ({@value #MIN_SAMPLES} at least), even
 * when each wait is far below any JFR threshold; from {@value #SAMPLED_WARNING_PERCENT} % on a {@code WARNING}. Every finding lists the threads that waited:
 * those the evidence names, then those waiting for that lock right now.
 */
public final class ContentionDetector implements Detector {

    static final int WARNING_FACTOR = 4;
    static final int SAMPLED_SHARE_PERCENT = 20;
    static final int SAMPLED_WARNING_PERCENT = 50;
    static final int MIN_SAMPLES = 10;
    private static final int SHOWN_THREADS = 5;

    /**
     * The threads it lists are evidence of waits that end, not stuck threads; asked again without a deadlock's threads
     * it would still see their samples, with none of them left to list. Contention among a deadlock's threads alone
     * is the deadlock's ({@link Detectors#run}).
     */
    @Override
    public boolean reportsStuckThreads() {
        return false;
    }

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        long min = options.contentionMinTotal().toMillis();
        LockSamples samples = snapshot.lockSamples();
        List<SampledLock> hot = samples.locks().stream()
                .filter(l -> l.samples() >= MIN_SAMPLES && samples.share(l) * 100 >= SAMPLED_SHARE_PERCENT)
                .filter(l -> !onlyTheJvmWaited(l.threadIds(), snapshot))
                .filter(l -> !loadingClasses(l.lock(), l.site()))
                .toList();
        List<Finding> timed = snapshot.contention().stream()
                .filter(c -> !"other".equals(c.lock()) && c.durationMs() >= min && c.count() > 0)
                .filter(c -> !onlyTheJvmWaited(c.threadIds(), snapshot))
                .filter(c -> !loadingClasses(c.lock(), c.site()))
                .sorted(Comparator.comparingLong(ContentionRecord::durationMs).reversed())
                .map(c -> finding(c, snapshot, min))
                .toList();
        // One lock seen both ways is one problem: a WARNING from timed waits says it all; the samples say more than
        // an INFO does (most of its waits were too short to be timed).
        Set<String> warned = timed.stream().filter(f -> f.severity() == Severity.WARNING)
                .map(Finding::lock).collect(Collectors.toSet());
        List<Finding> sampled = hot.stream().filter(l -> !warned.contains(l.lock()))
                .map(l -> sampled(l, samples.share(l), snapshot))
                .toList();
        Set<String> sampledLocks = sampled.stream().map(Finding::lock).collect(Collectors.toSet());
        List<Finding> out = new ArrayList<>();
        timed.stream().filter(f -> f.severity() == Severity.WARNING || !sampledLocks.contains(f.lock()))
                .forEach(out::add);
        out.addAll(sampled);
        return out;
    }

    /**
     * Every thread the evidence names is the JVM's or threadhound's own: no code of the application waited. JFR's
     * periodic-task thread waiting for the recorder while the agent's own recording rotates a chunk was such a case.
     * Threads that are gone (or evidence that names none) may have been the application's: kept.
     */
    private static boolean onlyTheJvmWaited(Collection<Long> ids, Snapshot snapshot) {
        return !ids.isEmpty() && ids.stream().allMatch(id -> snapshot.thread(id)
                .map(t -> ThreadRole.byName(t) != null).orElse(false));
    }

    /**
     * Threads loading classes: waiting for one class that another thread loads or initializes, or for the jar the
     * classes are read from. A class loader that loads classes in parallel locks a plain {@code Object} of its own
     * per class name, the JVM (HotSpot up to JDK 21) makes threads wait for a class's static initializer on an
     * {@code int[]} of that class, and a jar is read under its {@code JarFile}'s monitor. Nothing the application
     * can change, and on a crowded machine seconds of it as a library's threads start together: fifteen Netty event
     * loops closing their first channels at once waited 2.5 s in total for the class they needed next (JDK 25), and
     * 5.5 s for the initializer of the exception class they all made (JDK 17); OkHttp's first call waited 0.7 s for
     * its jar. A loader that is not parallel locks itself, for every class: that contention is still reported.
     */
    private static boolean loadingClasses(String lock, List<String> site) {
        if (lock == null || site.isEmpty()) {
            return false;
        }
        if (is(lock, "[I") || is(lock, "java.util.jar.JarFile") || is(lock, "java.util.zip.ZipFile")) {
            return true;
        }
        String top = Frames.method(site.get(0));
        return is(lock, "java.lang.Object") && (top.equals("java.lang.ClassLoader.loadClass")
                || top.equals("jdk.internal.loader.BuiltinClassLoader.loadClassOrNull"));
    }

    /** A lock named by its class, or by its class and identity ({@code Class@hex}). */
    private static boolean is(String lock, String type) {
        return lock.equals(type) || lock.startsWith(type + "@");
    }

    private static Finding finding(ContentionRecord c, Snapshot snapshot, long min) {
        Severity severity = c.durationMs() >= WARNING_FACTOR * min ? Severity.WARNING : Severity.INFO;
        String where = c.site().isEmpty() ? "" : " at " + c.site().get(0) + CreationSites.callerOutside(c.site(), 0);
        String summary = String.format("%s waited %s in total for %s %s%s (%d waits)",
                c.threadCount() == 1 ? "1 thread" : c.threadCount() + " threads",
                Durations.text(c.durationMs()), "monitor".equals(c.kind()) ? "the monitor of" : "the lock",
                c.lock(), where, c.count());
        return Finding.of(FindingType.CONTENTION, severity, summary)
                .threads(threads(snapshot, c.threadIds(), c.lock(), c.site()))
                .lock(c.lock())
                .site(c.site())
                .durationMs(c.durationMs())
                .count((int) Math.min(Integer.MAX_VALUE, c.count()))
                .threadCount(c.threadCount())
                .build();
    }

    private static Finding sampled(SampledLock l, double share, Snapshot snapshot) {
        String where = l.site().isEmpty() ? ""
                : " at " + Frames.shortFrame(l.site().get(0)) + CreationSites.callerOutside(l.site(), 0);
        int threads = l.threadIds().size();
        String summary = String.format("%s found waiting for %s %s%s in %d%% of the last %d snapshots,"
                        + " in waits too short to be timed one by one (about %s in total)",
                threads == 1 ? "1 thread" : threads + " threads",
                "monitor".equals(l.kind()) ? "the monitor of" : "the lock", Frames.shortIdentity(l.identity()),
                where, Math.round(100 * share), LockSamples.WINDOW, Durations.text(Math.round(l.waitedMillis())));
        Severity severity = share * 100 >= SAMPLED_WARNING_PERCENT ? Severity.WARNING : Severity.INFO;
        return Finding.of(FindingType.CONTENTION, severity, summary)
                .threads(threads(snapshot, l.threadIds(), l.lock(), l.site()))
                .lock(l.lock())
                .site(l.site())
                .durationMs(Math.round(l.waitedMillis()))
                .count((int) Math.min(Integer.MAX_VALUE, l.samples()))
                .threadCount(threads)
                .build();
    }

    /**
     * The threads the evidence names (as they are now), then the threads waiting for that lock right now: blocked
     * on or parked at an object of its class, or with a frame of the site's method on their stack.
     */
    private static List<FindingThread> threads(Snapshot snapshot, Collection<Long> ids, String lock, List<String> site) {
        Map<Long, ThreadRecord> shown = new LinkedHashMap<>();
        for (Long id : ids) {
            snapshot.thread(id).ifPresent(t -> shown.putIfAbsent(t.id(), t));
        }
        String siteMethod = site.isEmpty() ? null : Frames.method(site.get(0));
        snapshot.threads().stream()
                .filter(t -> "BLOCKED".equals(t.state()) || "WAITING".equals(t.state()) || "TIMED_WAITING".equals(t.state()))
                .filter(t -> ThreadRole.of(t) != ThreadRole.AGENT && !inObjectWait(t))
                .filter(t -> waitsFor(t, lock) || (siteMethod != null
                        && t.stack().stream().anyMatch(f -> Frames.method(f).equals(siteMethod))))
                .forEach(t -> shown.putIfAbsent(t.id(), t));
        return shown.values().stream().limit(SHOWN_THREADS).map(FindingThread::of).toList();
    }

    /**
     * In {@code Object.wait()}: waiting for a notification, not for the lock (it let go of the monitor); with a lock
     * of class {@code java.lang.Object}, every such thread would otherwise match, the agent's own among them.
     */
    private static boolean inObjectWait(ThreadRecord t) {
        return !"BLOCKED".equals(t.state()) && !t.stack().isEmpty()
                && Frames.method(t.stack().get(0)).startsWith("java.lang.Object.wait");
    }

    /** Blocked on, or parked at, an object of the lock's class ({@code ReentrantLock} covers its synchronizers). */
    private static boolean waitsFor(ThreadRecord t, String lock) {
        String on = t.blockedOn();
        return on != null && (on.startsWith(lock + "@") || on.startsWith(lock + "$"));
    }
}
