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
 * {@code stuckAfter}. Threads of the JVM and of threadhound, and threads idle by design, never leak; a pool
 * worker's stuck work is a task, which {@link LeakedTaskDetector} reports.
 */
public final class LeakedThreadDetector implements Detector {

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        Map<StuckSite, List<ThreadRecord>> bySite = new LinkedHashMap<>();
        snapshot.threads().stream()
                .sorted(Comparator.comparingLong(ThreadRecord::id))
                .filter(t -> t.executor() == null)
                .filter(t -> Stall.stuck(snapshot, t, options))
                .filter(t -> ThreadRole.of(t) == ThreadRole.APPLICATION)
                .forEach(t -> bySite.computeIfAbsent(StuckSite.of(t), k -> new ArrayList<>()).add(t));
        return bySite.values().stream()
                .map(group -> finding(snapshot, StuckSite.longestFirst(snapshot, group)))
                .sorted(Comparator.comparingLong((Finding f) -> -f.durationMs())
                        .thenComparing(f -> f.threads().get(0).id()))
                .toList();
    }

    private static Finding finding(Snapshot snapshot, List<ThreadRecord> threads) {
        ThreadRecord first = threads.get(0);
        long longest = Stall.of(snapshot, first);
        boolean single = threads.size() == 1;
        String summary = StuckSite.describe(threads) + ' ' + Phrases.verb(first)
                + (single ? " for " : " for up to ") + Phrases.duration(longest)
                + Phrases.waitSite(first, single) + Phrases.startedAt(first.createdAt()) + DeathLinks.of(snapshot, threads);
        return Finding.of(FindingType.LEAKED_THREAD, Severity.WARNING, summary)
                .threads(StuckSite.shown(threads))
                .durationMs(longest)
                .count(threads.size())
                .build();
    }
}
