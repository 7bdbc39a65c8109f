package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingThread;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.DeathRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.ThreadNameKind;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code THREAD_DIED}: application threads that ended by an uncaught exception, as the snapshot's recent deaths
 * show them. Often the root cause of a hang (the consumer dies, its producers block forever), which is why a
 * stuck thread that waits on what a dead one used to wait on says so ({@link DeathLinks}). Threads that died the
 * same way (same creation site, exception type and throwing frame) are one finding with a count. A pool's workers
 * are replaced by their pool and counted per executor instead.
 */
public final class ThreadDiedDetector implements Detector {

    private record Key(List<String> site, String exceptionType, String top) {
    }

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        Map<Key, List<DeathRecord>> groups = new LinkedHashMap<>();
        snapshot.deaths().stream()
                .filter(d -> d.executor() == null && application(d.name()))
                .sorted(Comparator.comparingLong(DeathRecord::diedAt).reversed().thenComparingLong(DeathRecord::threadId))
                .forEach(d -> groups.computeIfAbsent(new Key(CreationSites.key(d.createdAt()), d.exceptionType(),
                        d.at().isEmpty() ? "" : d.at().get(0)), k -> new ArrayList<>()).add(d));
        List<Finding> findings = new ArrayList<>();
        groups.values().forEach(deaths -> findings.add(finding(snapshot, deaths)));
        return findings;
    }

    private static boolean application(String name) {
        return ThreadNameKind.of(name) == ThreadNameKind.OTHER;
    }

    /** {@code deaths} newest first. */
    private static Finding finding(Snapshot snapshot, List<DeathRecord> deaths) {
        DeathRecord latest = deaths.get(0);
        String who = deaths.size() == 1 ? "thread " + Phrases.name(latest)
                : deaths.size() + " threads (" + Phrases.names(deaths.stream().map(Phrases::name).toList(), deaths.size()) + ")";
        String summary = who + " died of " + shortException(latest.exception())
                + where(latest) + ", " + Phrases.duration(Math.max(0, snapshot.takenAt() - latest.diedAt())) + " ago"
                + (deaths.size() == 1 ? "" : " (the latest)") + Phrases.startedAt(latest.createdAt());
        return Finding.of(FindingType.THREAD_DIED, Severity.INFO, summary)
                .threads(deaths.stream().limit(StuckSite.THREADS_SHOWN).map(ThreadDiedDetector::shown).toList())
                .exception(latest.exception())
                .at(latest.at())
                .count(deaths.size())
                .build();
    }

    /** {@code NullPointerException: Cannot invoke ...}: the exception without its package. */
    static String shortException(String exception) {
        int colon = exception.indexOf(':');
        String type = colon >= 0 ? exception.substring(0, colon) : exception;
        return Frames.simpleClass(type) + (colon >= 0 ? exception.substring(colon) : "");
    }

    /** The first frame of the application that threw, or the top frame. */
    static String where(DeathRecord d) {
        return Phrases.thrownAt(d.at());
    }

    /** The dead thread as findings show threads: its last stack is the exception's. */
    private static FindingThread shown(DeathRecord d) {
        return new FindingThread(d.name(), d.threadId(), false, "TERMINATED", null, null, d.at(), d.createdAt());
    }
}
