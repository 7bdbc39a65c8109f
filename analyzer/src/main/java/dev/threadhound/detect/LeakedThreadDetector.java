package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.FilledList;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;
import dev.threadhound.model.TimedWaitRun;

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
 * {@link LeakedTaskDetector} reports. Threads stuck at one site are one finding with a count, whether or not the
 * source took every one's stack ({@link SiteGroups}).
 */
public final class LeakedThreadDetector implements Detector {

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        // in chunks: sized for every thread, it was 40 KB a cycle at ten thousand threads however few were stuck
        FilledList.Filler<ThreadRecord> stuck = FilledList.filler(0);
        Map<Object, List<ThreadRecord>> pollingOn = new LinkedHashMap<>();
        for (ThreadRecord t : snapshot.threads()) {
            if (t.executor() != null) {
                continue;
            }
            // the JVM's, the tools' and threadhound's own threads are platform threads: a virtual one is never
            // judged by its name; idle stacks are told apart per site (SiteGroups)
            if (Stall.stuck(snapshot, t, options) && Stall.judgeable(t)
                    && (t.virtual() || ThreadRole.byName(t) == null)) {
                // a thread running in a native read shows where it waits only in the newest look at it
                stuck.add(t.stack().isEmpty() && Stall.awaitingAnswerForever(t) ? t.withStack(Stall.lastKnownStack(t)) : t);
            } else if (PollingWait.stuck(snapshot, t, options) && ThreadRole.of(t) == ThreadRole.APPLICATION) {
                // polling threads on one object are one problem (each waits for what another should do); a sleep
                // waits on nothing, so threads sleeping in one call are one; a cycle that took no stack of a thread
                // shows its last look in the loop, so that the finding stays the same one
                TimedWaitRun run = t.history().timed();
                pollingOn.computeIfAbsent(run.sleeps() ? run.place() : t.blockedOn(), k -> new ArrayList<>())
                        .add(t.stack().isEmpty() ? t.withStack(run.stack()) : t);
            }
        }
        List<Finding> findings = new ArrayList<>();
        for (SiteGroups.Group group : SiteGroups.of(stuck.list())) {
            findings.add(finding(snapshot, group));
        }
        for (List<ThreadRecord> group : pollingOn.values()) {
            findings.add(pollingFinding(snapshot, longestPolling(snapshot, group)));
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
        String died = DeathLinks.of(snapshot, listed);
        // a stop() joining a thread that never ends is stuck with it: named here, since a join itself is idle by design
        List<ThreadRecord> waiters = Waiters.of(snapshot, threads, false);
        String summary = StuckSite.describe(listed, threads.size(), allVirtual) + ' ' + Phrases.verb(site)
                + (single ? " for " : " for up to ") + Phrases.duration(longest)
                + Phrases.waitSite(site, single) + learned(site) + Phrases.startedAt(site.createdAt())
                + Phrases.startedBy(snapshot, site)
                + (died.isEmpty() ? DeathLinks.of(snapshot, threads) : died) + Waiters.phrase(waiters, single, true);
        Finding.Builder finding = Finding.of(FindingType.LEAKED_THREAD, Severity.WARNING, summary)
                .threads(listed.stream().map(FindingThread::of).toList())
                .durationMs(longest)
                .count(threads.size());
        if (!waiters.isEmpty()) {
            finding.victims(waiters.stream().limit(StuckSite.THREADS_SHOWN).map(FindingThread::of).toList());
        }
        return finding.build();
    }

    private static List<ThreadRecord> longestPolling(Snapshot snapshot, List<ThreadRecord> threads) {
        return threads.stream()
                .sorted(Comparator.comparingLong((ThreadRecord t) -> -PollingWait.duration(snapshot, t))
                        .thenComparingLong(ThreadRecord::id))
                .toList();
    }

    private static Finding pollingFinding(Snapshot snapshot, List<ThreadRecord> threads) {
        long longest = PollingWait.duration(snapshot, threads.get(0));
        String summary = pollingSummary(threads, longest) + DeathLinks.of(snapshot, threads);
        return Finding.of(FindingType.LEAKED_THREAD, Severity.WARNING, summary)
                .threads(StuckSite.shown(threads))
                .durationMs(longest)
                .count(threads.size())
                .build();
    }

    /**
     * {@code thread a stuck in a polling loop for 12s: 11 timed waits in Object.wait at ...}, or {@code 11 sleeps in
     * Thread.sleep at ...}.
     */
    private static String pollingSummary(List<ThreadRecord> threads, long longest) {
        ThreadRecord first = threads.get(0);
        boolean single = threads.size() == 1;
        TimedWaitRun run = first.history().timed();
        String wait = run.sleeps() ? "sleep" : "timed wait";
        long waits = run.waitsSince(first);
        return StuckSite.describe(threads) + " stuck in a polling loop" + (single ? " for " : " for up to ")
                + Phrases.duration(longest) + ": " + (waits >= 0 ? Phrases.plural(waits, wait) : wait + "s")
                + Phrases.waitSite(first, true).replaceFirst(" held by .*$", "")
                + (single ? "" : run.sleeps() ? ", all in the same loop" : ", all on the same object")
                + " with almost no CPU, for a condition nobody makes true" + Phrases.startedAt(first.createdAt());
    }

    /**
     * {@code ; its earlier waits there ended within 8s} for a consumer judged by its own history; nothing while that
     * history has no length (a thread first seen waiting after what its waited count says was one earlier wait, so
     * taken for a consumer: it is given twice {@code stuckAfter}, but no wait there was seen to end).
     */
    private static String learned(ThreadRecord thread) {
        long longest = Stall.learnedLongest(thread);
        return longest <= 0 ? "" : "; its earlier waits there ended within " + Phrases.duration(longest);
    }
}
