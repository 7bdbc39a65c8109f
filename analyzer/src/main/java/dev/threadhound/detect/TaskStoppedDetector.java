package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.DeathRecord;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.TaskRecord;
import dev.threadhound.model.TaskState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code TASK_STOPPED}: a periodic task ({@code scheduleAtFixedRate}, {@code scheduleWithFixedDelay}) that threw, and
 * that its scheduler therefore never runs again, without a word: the exception is kept in the task's future, which
 * nobody asks. The heartbeat, the cache refresh or the metrics flush has silently stopped. Tasks of one class
 * scheduled at one site on one executor that stopped the same way are one finding with a count.
 */
public final class TaskStoppedDetector implements Detector {

    private record Key(String executor, String taskClass, List<String> submittedAt, String exceptionType, String top) {
    }

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        Map<Key, List<TaskRecord>> groups = new LinkedHashMap<>();
        snapshot.tasks().stream()
                .filter(t -> t.state() == TaskState.STOPPED && t.failure() != null)
                .sorted(Comparator.comparingLong(TaskRecord::since).reversed())
                .forEach(t -> groups.computeIfAbsent(new Key(t.executor(), t.taskClass(), t.submittedAt(),
                        DeathRecord.exceptionType(t.failure().exception()),
                        t.failure().at().isEmpty() ? "" : t.failure().at().get(0)),
                        k -> new ArrayList<>()).add(t));
        List<Finding> findings = new ArrayList<>();
        groups.values().forEach(stopped -> findings.add(finding(snapshot, stopped)));
        return findings;
    }

    /** {@code stopped} newest first. */
    private static Finding finding(Snapshot snapshot, List<TaskRecord> stopped) {
        TaskRecord latest = stopped.get(0);
        TaskRecord.Failure failure = latest.failure();
        List<String> site = latest.submittedAt();
        String what = stopped.size() == 1 ? "periodic task " : stopped.size() + " periodic tasks ";
        String summary = what + Frames.simpleClass(latest.taskClass())
                + (site.isEmpty() ? "" : " scheduled at " + CreationSites.describe(site))
                + (latest.executor() == null ? "" : " on executor " + latest.executor())
                + (stopped.size() == 1 ? " stopped" : " stopped (the latest")
                + " " + Phrases.duration(Math.max(0, snapshot.takenAt() - latest.since())) + " ago"
                + (stopped.size() == 1 ? "" : ")") + " and will never run again: "
                + (stopped.size() == 1 ? "its run threw " : "a run threw ") + ThreadDiedDetector.shortException(failure.exception())
                + Phrases.thrownAt(failure.at()) + " (its scheduler cancels a periodic task that throws, and keeps the exception"
                + " in the task's future)";
        return Finding.of(FindingType.TASK_STOPPED, Severity.WARNING, summary)
                .executor(latest.executor())
                .submittedAt(site)
                .exception(failure.exception())
                .at(failure.at())
                .count(stopped.size())
                .build();
    }
}
