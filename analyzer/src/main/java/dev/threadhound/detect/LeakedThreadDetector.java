package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code LEAKED_THREAD}: a thread the application started that is waiting or blocked and has not progressed for
 * {@code stuckAfter} (or, for a consumer that came back from waits at the same place, for what its own history
 * allows: see {@link Stall#allowed}), or that is stuck in a polling loop ({@link PollingWait}). Threads of the JVM and
 * of threadhound, and threads idle by design, never leak; a pool worker's stuck work is a task, which
 * {@link LeakedTaskDetector} reports.
 */
public final class LeakedThreadDetector implements Detector {

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        Map<Object, List<ThreadRecord>> bySite = new LinkedHashMap<>();
        snapshot.threads().stream()
                .sorted(Comparator.comparingLong(ThreadRecord::id))
                .filter(t -> t.executor() == null)
                .filter(t -> Stall.stuck(snapshot, t, options) || PollingWait.stuck(snapshot, t, options))
                .filter(t -> ThreadRole.of(t) == ThreadRole.APPLICATION)
                .forEach(t -> bySite.computeIfAbsent(groupOf(t), k -> new ArrayList<>()).add(t));
        return bySite.values().stream()
                .map(group -> finding(snapshot, longestFirst(snapshot, group)))
                .sorted(Comparator.comparingLong((Finding f) -> -f.durationMs())
                        .thenComparing(f -> f.threads().get(0).id()))
                .toList();
    }

    /** Polling threads on one object are one problem (each waits for what another should do); others by site. */
    private static Object groupOf(ThreadRecord t) {
        return polling(t) ? "polling on " + t.blockedOn() : StuckSite.of(t);
    }

    private static boolean polling(ThreadRecord t) {
        return "TIMED_WAITING".equals(t.state());
    }

    private static long stuckFor(Snapshot snapshot, ThreadRecord t) {
        return polling(t) ? PollingWait.duration(snapshot, t) : Stall.of(snapshot, t);
    }

    private static List<ThreadRecord> longestFirst(Snapshot snapshot, List<ThreadRecord> threads) {
        return threads.stream()
                .sorted(Comparator.comparingLong((ThreadRecord t) -> -stuckFor(snapshot, t))
                        .thenComparingLong(ThreadRecord::id))
                .toList();
    }

    private static Finding finding(Snapshot snapshot, List<ThreadRecord> threads) {
        ThreadRecord first = threads.get(0);
        long longest = stuckFor(snapshot, first);
        boolean single = threads.size() == 1;
        String summary = polling(first) ? pollingSummary(threads, longest) + DeathLinks.of(snapshot, threads)
                : StuckSite.describe(threads) + ' ' + Phrases.verb(first)
                        + (single ? " for " : " for up to ") + Phrases.duration(longest)
                        + Phrases.waitSite(first, single) + learned(first) + Phrases.startedAt(first.createdAt())
                        + DeathLinks.of(snapshot, threads);
        return Finding.of(FindingType.LEAKED_THREAD, Severity.WARNING, summary)
                .threads(StuckSite.shown(threads))
                .durationMs(longest)
                .count(threads.size())
                .build();
    }

    /** {@code thread a stuck in a polling loop for 12s: 11 timed waits in Object.wait at ...}. */
    private static String pollingSummary(List<ThreadRecord> threads, long longest) {
        ThreadRecord first = threads.get(0);
        boolean single = threads.size() == 1;
        long waits = first.history().timed().waitsSince(first);
        return StuckSite.describe(threads) + " stuck in a polling loop" + (single ? " for " : " for up to ")
                + Phrases.duration(longest) + ": " + (waits >= 0 ? Phrases.plural(waits, "timed wait") : "timed waits")
                + Phrases.waitSite(first, true).replaceFirst(" held by .*$", "")
                + (single ? "" : ", all on the same object")
                + " with almost no CPU, for a condition nobody makes true" + Phrases.startedAt(first.createdAt());
    }

    /** {@code ; its earlier waits there ended within 8s} for a consumer judged by its own history. */
    private static String learned(ThreadRecord thread) {
        long longest = Stall.learnedLongest(thread);
        return longest < 0 ? "" : "; its earlier waits there ended within " + Phrases.duration(longest);
    }
}
