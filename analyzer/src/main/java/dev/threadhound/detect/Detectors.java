package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.model.Snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
                new SpinningThreadsDetector());
    }

    /**
     * The findings of every detector, most severe first; within one severity in detector order and then in each
     * detector's own order, so that the same snapshot always gives the same list.
     */
    public static List<Finding> run(Snapshot snapshot, DetectOptions options, List<Detector> detectors) {
        List<Finding> findings = new ArrayList<>();
        for (Detector detector : detectors) {
            findings.addAll(detector.detect(snapshot, options));
        }
        // List.sort is stable: equal severities keep the order they were produced in.
        findings.sort(Comparator.comparing(Finding::severity));
        return List.copyOf(findings);
    }
}
