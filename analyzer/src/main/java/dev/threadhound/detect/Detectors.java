package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.model.Snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The set of detectors a run uses, and the one way to run them. */
public final class Detectors {

    private Detectors() {
    }

    /** Every detector of threadhound, in the order their findings are listed within one severity. */
    public static List<Detector> standard() {
        return List.of(
                new DeadlockDetector(),
                new StarvationDeadlockDetector(),
                new LeakedThreadDetector(),
                new LeakedTaskDetector(),
                new LeakedExecutorDetector(),
                new PoolSaturatedDetector(),
                new ContentionDetector(),
                new PinnedVirtualThreadDetector(),
                new SpinningThreadsDetector(),
                new ThreadPileUpDetector(),
                new TaskPileUpDetector(),
                new TaskStoppedDetector(),
                new ExitBlockedDetector(),
                new ThreadDiedDetector(),
                new PotentialDeadlockDetector());
    }

    /**
     * The findings of every detector, most severe first; within one severity in detector order and then in each
     * detector's own order, so that the same snapshot always gives the same list. A thread in a deadlock cycle, or
     * blocked behind one, is reported by the cycle's finding only ({@link CycleClaims}): the detectors that found
     * no cycle look again at the snapshot without those threads, and contention among those threads alone is the
     * cycle's too. Findings the options say to ignore are left out ({@link Ignored}).
     */
    public static List<Finding> run(Snapshot snapshot, DetectOptions options, List<Detector> detectors) {
        List<List<Finding>> byDetector = new ArrayList<>();
        for (Detector detector : detectors) {
            byDetector.add(detector.detect(snapshot, options));
        }
        CycleClaims claims = CycleClaims.of(snapshot, byDetector.stream().flatMap(List::stream).toList());
        List<Finding> findings = new ArrayList<>();
        Snapshot rest = claims.none() ? snapshot : claims.rest(snapshot);
        for (int i = 0; i < detectors.size(); i++) {
            List<Finding> own = byDetector.get(i);
            if (claims.none() || !detectors.get(i).reportsStuckThreads()) {
                findings.addAll(own);
            } else if (own.stream().anyMatch(CycleClaims::isCycle)) {
                own.forEach(f -> findings.add(CycleClaims.isCycle(f) ? claims.withVictims(f) : f));
            } else {
                findings.addAll(detectors.get(i).detect(rest, options));
            }
        }
        findings.removeIf(f -> f.type() == FindingType.CONTENTION && claims.claimsAll(f.threads()));
        removeHooksHoldingTheExit(findings);
        findings.removeIf(f -> Ignored.by(f, options.ignore()));
        // List.sort is stable: equal severities keep the order they were produced in.
        findings.sort(Comparator.comparing(Finding::severity));
        return List.copyOf(findings);
    }

    /**
     * A shutdown hook that holds the exit is told by {@code EXIT_BLOCKED}, which says what holding the exit means;
     * the same thread as a {@code LEAKED_THREAD} beside it says nothing more.
     */
    private static void removeHooksHoldingTheExit(List<Finding> findings) {
        Set<Long> hooks = new HashSet<>();
        for (Finding f : findings) {
            if (f.type() == FindingType.EXIT_BLOCKED) {
                f.threads().stream()
                        .filter(t -> t.createdAt() != null && ExitBlockedDetector.startedByTheExit(t.createdAt()))
                        .forEach(t -> hooks.add(t.id()));
            }
        }
        if (!hooks.isEmpty()) {
            findings.removeIf(f -> f.type() == FindingType.LEAKED_THREAD
                    && f.threads().stream().allMatch(t -> hooks.contains(t.id())));
        }
    }
}
