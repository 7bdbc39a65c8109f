package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code LEAKED_THREAD}: a thread the application started that is waiting or blocked and has not progressed for
 * {@code stuckAfter}. Threads of the JVM and of threadhound, and threads idle by design, never leak; a pool
 * worker's stuck work is a task, which {@link LeakedTaskDetector} reports. Threads stuck at one site are one
 * finding with a count, whether or not the source took every one's stack ({@link SiteGroups}).
 */
public final class LeakedThreadDetector implements Detector {

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        List<ThreadRecord> stuck = new ArrayList<>(snapshot.threads().size());
        for (ThreadRecord t : snapshot.threads()) {
            // the JVM's, the tools' and threadhound's own threads are platform threads: a virtual one is never
            // judged by its name
            if (t.executor() == null && Stall.stuck(snapshot, t, options) && (t.virtual() || ThreadRole.byName(t) == null)) {
                stuck.add(t);
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (SiteGroups.Group group : SiteGroups.of(stuck)) {
            findings.add(finding(snapshot, group));
        }
        findings.sort(Comparator.comparingLong((Finding f) -> -f.durationMs())
                .thenComparing(f -> f.threads().get(0).id()));
        return findings;
    }

    private static Finding finding(Snapshot snapshot, SiteGroups.Group group) {
        List<ThreadRecord> threads = group.threads();
        List<ThreadRecord> listed = StuckSite.listed(threads);
        ThreadRecord site = group.representative();
        long longest = 0;
        boolean allVirtual = true;
        for (ThreadRecord t : threads) {
            longest = Math.max(longest, Stall.of(snapshot, t));
            allVirtual &= t.virtual();
        }
        boolean single = threads.size() == 1;
        String summary = StuckSite.describe(listed, threads.size(), allVirtual) + ' ' + Phrases.verb(site)
                + (single ? " for " : " for up to ") + Phrases.duration(longest)
                + Phrases.waitSite(site, single) + Phrases.startedAt(site.createdAt());
        return Finding.of(FindingType.LEAKED_THREAD, Severity.WARNING, summary)
                .threads(listed.stream().map(FindingThread::of).toList())
                .durationMs(longest)
                .count(threads.size())
                .build();
    }
}
