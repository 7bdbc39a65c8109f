package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.PinningRecord;
import dev.threadhound.model.Snapshot;

import java.util.Comparator;
import java.util.List;

/**
 * {@code PINNED_VIRTUAL_THREAD}: virtual threads that blocked while pinned to their carrier, per site, over the
 * contention window. Every pinning that reached the JFR threshold is reported; a total of at least
 * {@link DetectOptions#contentionMinTotal()} is a {@code WARNING} (carriers were held that long), less is
 * {@code INFO}.
 */
public final class PinnedVirtualThreadDetector implements Detector {

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        long min = options.contentionMinTotal().toMillis();
        return snapshot.pinning().stream()
                .filter(p -> p.count() > 0)
                .sorted(Comparator.comparingLong(PinningRecord::durationMs).reversed())
                .map(p -> finding(p, min))
                .toList();
    }

    private static Finding finding(PinningRecord p, long min) {
        String where = p.site().isEmpty() ? "" : " at " + p.site().get(0);
        String summary = String.format("virtual threads blocked while pinned to their carrier %d %s, %s in total%s",
                p.count(), p.count() == 1 ? "time" : "times", Durations.text(p.durationMs()), where);
        return Finding.of(FindingType.PINNED_VIRTUAL_THREAD, p.durationMs() >= min ? Severity.WARNING : Severity.INFO, summary)
                .site(p.site())
                .durationMs(p.durationMs())
                .count((int) Math.min(Integer.MAX_VALUE, p.count()))
                .build();
    }
}
