package dev.threadhound.detect;

import dev.threadhound.finding.Finding;
import dev.threadhound.finding.FindingType;
import dev.threadhound.finding.Severity;
import dev.threadhound.model.Snapshot;
import dev.threadhound.model.TaskRecord;
import dev.threadhound.model.TaskState;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code TASK_PILE_UP}: periodic tasks of one kind, scheduled at one site, waiting in one scheduler's queue in a
 * number that keeps growing. A periodic task is a design; an object made per call that schedules its own (a pool's
 * evictor, a reporter, a heartbeat) on a shared scheduler and is never closed leaves one more running for good every
 * call: the {@code time.Ticker} never stopped of Go. The threads do not grow, so {@code THREAD_PILE_UP} and
 * {@code LEAKED_EXECUTOR} see nothing; the queue does. Reported when more than {@link DetectOptions#pileUp()} are
 * waiting and the newest was first seen at least {@code stuckAfter} after the oldest (a set scheduled together at
 * start-up, one per shard, is no pile-up, however large). Tasks of executors made per call, one each, are the
 * executors' leak ({@link LeakedExecutorDetector}): tasks are known by their executor's name, which such executors
 * share, so a name held by several executors needs more than {@code pileUp} tasks for each of them.
 */
public final class TaskPileUpDetector implements Detector {

    /** One pile: a scheduler, the kind of task, where such tasks are scheduled. */
    private record Pile(String executor, String taskClass, List<String> submittedAt) {
    }

    @Override
    public List<Finding> detect(Snapshot snapshot, DetectOptions options) {
        Map<Pile, List<TaskRecord>> piles = new LinkedHashMap<>();
        for (TaskRecord t : snapshot.tasks()) {
            if (t.state() == TaskState.SCHEDULED) {
                piles.computeIfAbsent(new Pile(t.executor(), t.taskClass(), t.submittedAt()), k -> new ArrayList<>())
                        .add(t);
            }
        }
        Map<String, Integer> schedulersByName = new HashMap<>();
        snapshot.executors().forEach(e -> schedulersByName.merge(e.name(), 1, Integer::sum));
        List<Finding> findings = new ArrayList<>();
        piles.forEach((pile, tasks) -> {
            // schedulers made per call share their name: one task each is their leak, not a pile in one queue
            int schedulers = Math.max(1, schedulersByName.getOrDefault(pile.executor(), 1));
            if (tasks.size() > (long) options.pileUp() * schedulers) {
                tasks.sort(Comparator.comparingLong(TaskRecord::since));
                long oldest = tasks.get(0).since();
                long newest = tasks.get(tasks.size() - 1).since();
                if (oldest > 0 && newest - oldest >= options.stuckAfterMillis()) {
                    findings.add(finding(snapshot, pile, tasks.size(), oldest, newest));
                }
            }
        });
        findings.sort(Comparator.comparingInt((Finding f) -> -f.count()).thenComparing(Finding::executor));
        return findings;
    }

    private static Finding finding(Snapshot snapshot, Pile pile, int count, long oldest, long newest) {
        List<String> site = pile.submittedAt();
        String where = site.isEmpty() ? "" : " scheduled at " + CreationSites.describe(site);
        long age = Stall.since(snapshot, oldest);
        String summary = count + " periodic tasks " + Frames.simpleClass(pile.taskClass()) + where
                + " wait for their next run on executor " + pile.executor() + " and keep piling up (oldest seen "
                + Phrases.duration(age) + " ago, newest " + Phrases.duration(Stall.since(snapshot, newest))
                + " ago): what schedules them is never cancelled or closed";
        return Finding.of(FindingType.TASK_PILE_UP, Severity.WARNING, summary)
                .executor(pile.executor())
                .submittedAt(site)
                .count(count)
                .durationMs(age)
                .build();
    }
}
