package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.ContentionRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code CONTENTION}: a lock class at one call site where threads, together, waited at least
 * {@link DetectOptions#contentionMinTotal()} over the contention window. Four times that is a {@code WARNING}; less
 * is {@code INFO}. Threads waiting at the site right now are attached as evidence.
 */
public final class ContentionDetector implements Detector {

    static final int WARNING_FACTOR = 4;
    private static final int SHOWN_THREADS = 5;

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        long min = options.contentionMinTotal().toMillis();
        List<Finding> out = new ArrayList<>();
        snapshot.contention().stream()
                .filter(c -> !"other".equals(c.lock()) && c.durationMs() >= min && c.count() > 0)
                .sorted(Comparator.comparingLong(ContentionRecord::durationMs).reversed())
                .forEach(c -> out.add(finding(c, snapshot, min)));
        return out;
    }

    private static Finding finding(ContentionRecord c, Snapshot snapshot, long min) {
        Severity severity = c.durationMs() >= WARNING_FACTOR * min ? Severity.WARNING : Severity.INFO;
        String where = c.site().isEmpty() ? "" : " at " + c.site().get(0);
        String summary = String.format("%s waited %s in total for %s %s%s (%d waits)",
                c.threadCount() == 1 ? "1 thread" : c.threadCount() + " threads",
                Durations.text(c.durationMs()), "monitor".equals(c.kind()) ? "the monitor of" : "the lock",
                c.lock(), where, c.count());
        return Finding.of(FindingType.CONTENTION, severity, summary)
                .threads(waitingAt(c, snapshot))
                .lock(c.lock())
                .site(c.site())
                .durationMs(c.durationMs())
                .count((int) Math.min(Integer.MAX_VALUE, c.count()))
                .threadCount(c.threadCount())
                .build();
    }

    /** Threads blocked or waiting at the site in this snapshot: who is contending right now. */
    private static List<FindingThread> waitingAt(ContentionRecord c, Snapshot snapshot) {
        if (c.site().isEmpty()) {
            return List.of();
        }
        String frame = c.site().get(0);
        return snapshot.threads().stream()
                .filter(ThreadRecord::waiting)
                .filter(t -> t.stack().contains(frame))
                .limit(SHOWN_THREADS)
                .map(FindingThread::of)
                .toList();
    }
}
