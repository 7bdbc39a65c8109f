package dev.threadhound.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Carries "no progress since" forward from one snapshot to the next. A thread has progressed when its state or
 * top frame changed, or its blocked/waited counts grew, or, running, its CPU time grew; a consumer usually found in {@code take()}
 * that keeps receiving items therefore keeps resetting its clock. Pure: the clock is the snapshots' own.
 */
public final class Progress {

    private Progress() {
    }

    /** {@code current} with every stalled-since, queued-since and idle-since carried over from {@code previous}. */
    public static Snapshot carry(Snapshot previous, Snapshot current) {
        long now = current.takenAt();
        Map<String, TaskRecord> tasksBefore = new HashMap<>();
        Map<String, ExecutorRecord> executorsBefore = new HashMap<>();
        if (previous != null) {
            previous.tasks().forEach(t -> tasksBefore.put(taskKey(t), t));
            previous.executors().forEach(e -> executorsBefore.put(e.identity(), e));
        }
        List<ThreadRecord> threads = carryThreads(previous == null ? List.of() : previous.threads(),
                current.threads(), now);
        List<TaskRecord> tasks = current.tasks().stream()
                .map(t -> {
                    TaskRecord old = tasksBefore.get(taskKey(t));
                    return t.withSince(old != null ? old.since() : firstSeen(t.since(), now));
                })
                .toList();
        List<ExecutorRecord> executors = current.executors().stream()
                .map(e -> carry(executorsBefore.get(e.identity()), e, now))
                .toList();
        return current.withThreads(threads).withTasks(tasks).withExecutors(executors);
    }

    /**
     * Each thread matched with itself in the previous snapshot. A source lists its threads in much the same order
     * every time, so the match is first tried at the next position, and an index by id is built only once the
     * orders part: a hundred thousand threads are matched without boxing a hundred thousand ids.
     */
    private static List<ThreadRecord> carryThreads(List<ThreadRecord> previous, List<ThreadRecord> current, long now) {
        List<ThreadRecord> out = new ArrayList<>(current.size());
        Map<Long, Integer> index = null;
        int next = 0;
        for (ThreadRecord t : current) {
            ThreadRecord before = null;
            if (next < previous.size() && previous.get(next).id() == t.id()) {
                before = previous.get(next++);
            } else {
                if (index == null) {
                    index = new HashMap<>(previous.size() * 2);
                    for (int i = 0; i < previous.size(); i++) {
                        index.put(previous.get(i).id(), i);
                    }
                }
                Integer at = index.get(t.id());
                if (at != null) {
                    before = previous.get(at);
                    next = at + 1;
                }
            }
            long since = stalledSince(before, t, now);
            // a thread seen exactly as before keeps its record: a JVM whose threads stay put keeps the same objects
            out.add(before != null && before.stalledSince() == since && before.sameObservation(t)
                    ? before : t.withStalledSince(since));
        }
        return out;
    }

    static boolean progressed(ThreadRecord before, ThreadRecord now) {
        if (!Objects.equals(before.state(), now.state())) {
            return true;
        }
        if (before.topFrame() != null && now.topFrame() != null && !before.topFrame().equals(now.topFrame())) {
            return true;
        }
        // CPU time says something only of a running thread: one blocked on a monitor still gains a few microseconds
        // between samples on JDK 17 (the VM's own bookkeeping) without ever getting the lock.
        return grew(before.blockedCount(), now.blockedCount())
                || grew(before.waitedCount(), now.waitedCount())
                || ("RUNNABLE".equals(now.state()) && grew(before.cpuTimeNanos(), now.cpuTimeNanos()));
    }

    private static long stalledSince(ThreadRecord before, ThreadRecord now, long takenAt) {
        if (before == null) {
            return firstSeen(now.stalledSince(), takenAt);
        }
        return progressed(before, now) ? takenAt : before.stalledSince();
    }

    private static ExecutorRecord carry(ExecutorRecord before, ExecutorRecord now, long takenAt) {
        long saturatedSince = 0;
        int queuedAtStart = 0;
        if (now.saturatedNow()) {
            boolean continuing = before != null && before.saturatedSince() > 0;
            saturatedSince = continuing ? before.saturatedSince() : takenAt;
            queuedAtStart = continuing ? before.queuedAtSaturation() : now.queued();
        }
        return now.withProgress(idleSince(before, now, takenAt), saturatedSince, queuedAtStart);
    }

    private static long idleSince(ExecutorRecord before, ExecutorRecord now, long takenAt) {
        if (now.activeThreads() > 0 || now.queued() > 0) {
            return 0;
        }
        if (before != null && before.idleSince() > 0) {
            return before.idleSince();
        }
        return firstSeen(now.idleSince(), takenAt);
    }

    /** A source may already know since when (a dump's own timestamp); otherwise the first sighting counts. */
    private static long firstSeen(long known, long takenAt) {
        return known > 0 ? Math.min(known, takenAt) : takenAt;
    }

    private static boolean grew(long before, long now) {
        return before >= 0 && now >= 0 && now != before;
    }

    private static String taskKey(TaskRecord t) {
        return t.identity() + '/' + t.state() + '/' + t.threadId();
    }
}
